using System.CommandLine;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Faas.Cli.Commands;

/// <summary><c>faas invoke &lt;app&gt; [path]</c>: an HTTP request to an app's HTTP route (<c>/invoke/{app}/...</c> for a server app, else <c>/fn/{app}/...</c>); prints the answer's body.</summary>
internal static class InvokeCommand
{
    public static Command Create(CliHost host)
    {
        var app = AppArguments.App();
        var path = new Argument<string?>("path") { Description = "The path after /invoke/{app} or /fn/{app}, with its query.", Arity = ArgumentArity.ZeroOrOne };
        var method = new Option<string>("--request", "-X") { Description = "The HTTP method.", DefaultValueFactory = _ => "GET" };
        var headers = new Option<string[]>("--header", "-H") { Description = "'Name: value' (repeatable).", AllowMultipleArgumentsPerToken = false };
        var data = new Option<string?>("--data", "-d") { Description = "The request body; @file reads a file. Implies POST unless -X says otherwise." };
        var server = new Option<bool>("--server") { Description = "Send to /invoke/{app} without asking the server which kind the app is." };
        var fn = new Option<bool>("--fn") { Description = "Send to /fn/{app} without asking the server which kind the app is." };
        var command = new Command("invoke", CliHost.Describe(
            "Send an HTTP request to an app's HTTP route and print the answer's body (the status on stderr when it is not 2xx): "
                + "/invoke/{app}/{path} for an HTTP-server app, /fn/{app}/{path} (its handler) for a functions app.",
            "faas invoke hello",
            "faas invoke api items/3?sort=asc",
            "faas invoke hello users/1?full=true -H 'Accept: application/json'",
            "faas invoke hello -X PUT -d @body.json"))
        {
            app, path, method, headers, data, server, fn,
        };
        host.Bind(command, async (context, parse, cancellationToken) =>
        {
            var name = AppArguments.Validate(parse.GetValue(app));
            var route = parse.GetValue(server) ? "invoke" : parse.GetValue(fn) ? "fn" : await RouteOfAsync(context, name, cancellationToken);
            var rest = (parse.GetValue(path) ?? "").TrimStart('/');
            var body = parse.GetValue(data);
            var verb = parse.GetResult(method) is { Implicit: false } ? parse.GetValue(method)! : body is null ? "GET" : "POST";
            var request = new HttpRequestMessage(new HttpMethod(verb.ToUpperInvariant()), $"{route}/{name}/{rest}");
            string? contentType = null;
            foreach (var header in parse.GetValue(headers) ?? [])
            {
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    throw new CliException(ExitCode.Usage, $"'{header}' is not 'Name: value'.");
                }
                var (key, value) = (header[..colon].Trim(), header[(colon + 1)..].Trim());
                if (key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    contentType = value;
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(key, value);
                }
            }
            if (body is not null)
            {
                var bytes = body.StartsWith('@') ? await ReadFileAsync(context.Environment.FullPath(body[1..]), cancellationToken) : Encoding.UTF8.GetBytes(body);
                request.Content = new ByteArrayContent(bytes);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? "application/json");
            }
            using var response = await context.Client.SendRawAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (context.Json)
            {
                var headersJson = new JsonObject();
                foreach (var (key, values) in response.Headers.Concat(response.Content.Headers))
                {
                    headersJson[key] = string.Join(", ", values);
                }
                context.Printer.WriteJson(new JsonObject { ["status"] = status, ["headers"] = headersJson, ["body"] = text });
            }
            else
            {
                context.Printer.Out.Write(text);
                if (text.Length > 0 && !text.EndsWith('\n'))
                {
                    context.Printer.Out.WriteLine();
                }
            }
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                context.Printer.Note($"404 from /{route}/{name}/{rest}: the app is not deployed or it has no such path.");
                return ExitCode.NotFound;
            }
            if (!response.IsSuccessStatusCode)
            {
                context.Printer.Note($"{status} {response.ReasonPhrase}");
                return ExitCode.Failed;
            }
            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary>
    /// <c>invoke</c> for an HTTP-server app, else <c>fn</c>, as inspect says; <c>fn</c> when it cannot tell (an unknown app,
    /// or a key that may call but not inspect: then the answer of the route says what is wrong).
    /// </summary>
    private static async Task<string> RouteOfAsync(CliContext context, string app, CancellationToken cancellationToken)
    {
        try
        {
            return (await context.Client.InspectAsync(cancellationToken)).FirstOrDefault(a => a.Name == app)?.IsServer == true ? "invoke" : "fn";
        }
        catch (CliException e) when (e.Code is ExitCode.Unauthorized or ExitCode.NotFound)
        {
            return "fn";
        }
    }

    /// <summary>An <c>@file</c> argument's bytes; an unreadable file is a usage error (exit 2).</summary>
    internal static async Task<byte[]> ReadFileAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCode.Usage, $"Cannot read the body file: {e.Message}");
        }
    }
}
