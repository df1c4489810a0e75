using System.CommandLine;

namespace Faas.Cli;

/// <summary>
/// The options every command takes (<c>--url</c>, <c>--key</c>, <c>--json</c>): new instances for each command
/// tree (an option records the commands it was added to, so sharing one between trees built at the same
/// time, as in-process test runs do, is a race), read back by name.
/// </summary>
internal static class GlobalOptions
{
    public const string DefaultUrl = "http://localhost:9000";

    public const string UrlName = "--url";

    public const string KeyName = "--key";

    public const string JsonName = "--json";

    public static Option<string?> Url() => new(UrlName)
    {
        Description = $"The server's URL (else FAAS_URL, else {DefaultUrl}).",
        Recursive = true,
    };

    public static Option<string?> Key() => new(KeyName)
    {
        Description = "The admin key, sent as 'Authorization: Bearer <key>' (else FAAS_KEY).",
        Recursive = true,
    };

    public static Option<bool> Json() => new(JsonName)
    {
        Description = "Print JSON for scripts instead of tables and text.",
        Recursive = true,
    };
}
