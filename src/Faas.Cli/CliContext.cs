using System.CommandLine;
using Faas.Cli.Http;
using Faas.Cli.Output;

namespace Faas.Cli;

/// <summary>One command's run: where it prints, which server it talks to, and how.</summary>
internal sealed class CliContext : IDisposable
{
    private FaasClient? client;

    public CliContext(ParseResult parse, TextWriter output, TextWriter error, CliEnvironment environment)
    {
        Environment = environment;
        var url = parse.GetValue<string?>(GlobalOptions.UrlName) ?? environment.Variable("FAAS_URL");
        Url = string.IsNullOrWhiteSpace(url) ? GlobalOptions.DefaultUrl : url.TrimEnd('/');
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException(ExitCode.Usage, $"The server URL '{Url}' is not an http(s) URL (--url or FAAS_URL).");
        }
        BaseUri = uri;
        var key = parse.GetValue<string?>(GlobalOptions.KeyName) ?? environment.Variable("FAAS_KEY");
        Key = string.IsNullOrWhiteSpace(key) ? null : key;
        Printer = new Printer(output, error, parse.GetValue<bool>(GlobalOptions.JsonName));
    }

    public CliEnvironment Environment { get; }

    public string Url { get; }

    public Uri BaseUri { get; }

    public string? Key { get; }

    public Printer Printer { get; }

    public bool Json => Printer.Json;

    public FaasClient Client => client ??= new FaasClient(BaseUri, Key);

    public void Dispose() => client?.Dispose();
}
