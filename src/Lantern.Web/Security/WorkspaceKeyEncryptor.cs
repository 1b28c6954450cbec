using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Lantern.Web.Security;

/// <summary>
/// Encrypts the web server's cookie and antiforgery keys at rest (AES-256-GCM) with a key derived
/// from the case's audit key, which lives outside the workspace: a copy of the workspace alone does
/// not let anyone forge a session cookie for it.
/// </summary>
public sealed class WorkspaceKeyEncryptor(byte[] key) : IXmlEncryptor, IXmlDecryptor
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>Used by DataProtection when it reads a key back: the key comes from the served case.</summary>
    public WorkspaceKeyEncryptor(IServiceProvider services)
        : this(services.GetRequiredService<ServedCase>().KeyEncryptionKey)
    {
    }

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        return new EncryptedXmlInfo(new XElement("encryptedKey", new XComment(" AES-256-GCM with a key derived from the case's audit key "),
            new XElement("value", Convert.ToBase64String(sealedBytes))), typeof(WorkspaceKeyEncryptor));
    }

    public XElement Decrypt(XElement encryptedElement)
    {
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? string.Empty);
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("the web key is not an encrypted Lantern key");
        }

        var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plaintext);
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plaintext));
    }
}
