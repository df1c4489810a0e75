using System.CommandLine;

namespace Faas.Cli;

/// <summary>The options every command takes (<c>--url</c>, <c>--key</c>, <c>--json</c>).</summary>
internal static class GlobalOptions
{
    public const string DefaultUrl = "http://localhost:9000";

    public static readonly Option<string?> Url = new("--url")
    {
        Description = $"The server's URL (else FAAS_URL, else {DefaultUrl}).",
        Recursive = true,
    };

    public static readonly Option<string?> Key = new("--key")
    {
        Description = "The admin key, sent as 'Authorization: Bearer <key>' (else FAAS_KEY).",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print JSON for scripts instead of tables and text.",
        Recursive = true,
    };
}
