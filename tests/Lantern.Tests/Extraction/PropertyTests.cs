using System.Text;
using Lantern.Demo;
using Lantern.Extraction;

namespace Lantern.Tests.Extraction;

/// <summary>Properties over generated inputs (hand-rolled generators with fixed seeds, so failures reproduce).</summary>
public sealed class PropertyTests
{
    private const string Alphabet = "abcxyzABCXYZ0123456789 .,:;@#+-_()[]{}<>/\\\"'\n\t€$£¥ ❄️💊🇳🇱éü中\u200D\uFE0F";

    private static string RandomText(Random random, int maxLength)
    {
        var builder = new StringBuilder();
        var length = random.Next(maxLength);
        for (var index = 0; index < length; index++)
        {
            var roll = random.Next(100);
            if (roll < 3)
            {
                builder.Append((char)random.Next(0xD800, 0xE000));
            }
            else if (roll < 6)
            {
                builder.Append((char)random.Next(0, 0x20));
            }
            else
            {
                builder.Append(Alphabet[random.Next(Alphabet.Length)]);
            }
        }

        return builder.ToString();
    }

    [Fact]
    public void ExtractionNeverThrowsAndOffsetsSliceBackToTheRawText()
    {
        var random = new Random(20261126);
        var forge = new SelectorForge(5);
        string[] selectors = [forge.BitcoinSegwit(), forge.BitcoinLegacy(), forge.Ethereum(), forge.Onion(), forge.Monero(), "+31 6 12345678", "a.b@example.org", "t.me/valid_name"];
        for (var run = 0; run < 3000; run++)
        {
            var text = RandomText(random, 300);
            if (run % 2 == 0)
            {
                text = text.Insert(random.Next(text.Length + 1), " " + selectors[random.Next(selectors.Length)] + " ");
            }

            var result = SelectorExtractor.Extract(text, new ExtractionContext("NL", run % 3 == 0));

            foreach (var mention in result.Mentions)
            {
                Assert.InRange(mention.Start, 0, text.Length);
                Assert.InRange(mention.End, mention.Start, text.Length);
                Assert.Equal(mention.Raw, text[mention.Start..mention.End]);
            }

            foreach (var rejected in result.Rejected)
            {
                Assert.InRange(rejected.End, rejected.Start, text.Length);
            }
        }
    }

    [Fact]
    public void AValidAddressEmbeddedAnywhereInRandomTextIsFound()
    {
        var random = new Random(11);
        var forge = new SelectorForge(13);
        var makers = new (string Type, Func<string> Make, Func<string, string> Normalize)[]
        {
            (SelectorTypes.Btc, forge.BitcoinLegacy, value => value),
            (SelectorTypes.Btc, forge.BitcoinScript, value => value),
            (SelectorTypes.Btc, forge.BitcoinSegwit, value => value.ToLowerInvariant()),
            (SelectorTypes.Btc, forge.BitcoinTaproot, value => value.ToLowerInvariant()),
            (SelectorTypes.Eth, forge.Ethereum, value => value.ToLowerInvariant()),
            (SelectorTypes.Xmr, forge.Monero, value => value),
            (SelectorTypes.Onion, forge.Onion, value => value),
            (SelectorTypes.Session, forge.SessionId, value => value),
        };
        for (var run = 0; run < 2000; run++)
        {
            var (type, make, normalize) = makers[run % makers.Length];
            var value = make();
            var text = RandomText(random, 200);
            var position = random.Next(text.Length + 1);
            var separator = " \n\t,;:()[]<>\"'".Select(c => c.ToString()).ElementAt(random.Next(14));
            text = text[..position] + separator + value + separator + text[position..];

            var mentions = SelectorExtractor.Extract(text).Mentions;

            Assert.Contains(mentions, mention => mention.Type == type && mention.Value == normalize(value) && mention.Start == position + separator.Length);
        }
    }
}
