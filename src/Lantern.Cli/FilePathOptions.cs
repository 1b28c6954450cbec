using System.CommandLine;

namespace Lantern.Cli;

/// <summary>Options that name a file to write.</summary>
internal static class FilePathOptions
{
    /// <summary>
    /// Refuses an empty or blank path at parsing, naming the option, instead of the command failing
    /// deep inside (an unhandled exception) or writing files whose names are only a suffix.
    /// </summary>
    public static TOption NamingAFile<TOption>(this TOption option)
        where TOption : Option
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Any(token => string.IsNullOrWhiteSpace(token.Value)))
            {
                result.AddError($"{option.Name} needs a file path, not an empty value");
            }
        });
        return option;
    }
}
