using System.CommandLine;
using Faas.Core.Apps;

namespace Faas.Cli.Commands;

/// <summary>Arguments several commands share, validated once (an app name follows the server's rules).</summary>
internal static class AppArguments
{
    public static Argument<string> App(string description = "The app's name.") => new("app") { Description = description };

    /// <summary>The name, or a usage error naming the rule.</summary>
    public static string Validate(string? raw) =>
        AppName.TryParse(raw, out var name)
            ? name.Value
            : throw new CliException(ExitCode.Usage,
                $"'{raw}' is not a valid app name: letters, digits, '.', '_' and '-', starting with a letter or digit, at most {AppName.MaxLength} characters.");
}
