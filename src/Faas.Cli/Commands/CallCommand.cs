using System.CommandLine;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Faas.Cli.Http;

namespace Faas.Cli.Commands;

/// <summary><c>faas call &lt;app&gt; &lt;func&gt; [json]</c>: call a function of the active version and print its JSON result.</summary>
internal static class CallCommand
{
    public static Command Create(CliHost host)
    {
        var app = AppArguments.App();
        var func = new Argument<string>("func") { Description = "The function's name ('faas ls' lists them)." };
        var args = new Argument<string?>("json") { Description = "The arguments: a JSON array (positional) or object (by name); none: no arguments.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("call", CliHost.Describe(
            "Call a function of an app's active version; prints its JSON result. Exit 4 if the app or function does not exist, 1 if it threw.",
            "faas call hello hello '[\"World\"]'",
            "faas call calc sum '{\"a\": 1, \"b\": 2}'"))
        {
            app, func, args,
        };
        host.Bind(command, async (context, parse, cancellationToken) =>
        {
            var info = await context.Client.GetAppAsync(AppArguments.Validate(parse.GetValue(app)), cancellationToken);
            var name = parse.GetValue(func)!;
            var body = parse.GetValue(args);
            if (body is not null)
            {
                try
                {
                    using var _ = JsonDocument.Parse(body);
                }
                catch (JsonException e)
                {
                    throw new CliException(ExitCode.Usage, $"The arguments are not JSON: {e.Message}");
                }
            }
            var verb = info.Functions.FirstOrDefault(f => f.Name == name) is { IsAsync: true } ? "await" : "call";
            var request = new HttpRequestMessage(HttpMethod.Post, $"{info.Prefix}/{info.Name}/{info.Version}/{verb}/{Uri.EscapeDataString(name)}")
            {
                Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
            };
            using var response = await context.Client.SendRawAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var message = await FaasClient.ErrorMessageAsync(response, cancellationToken);
                throw new CliException(response.StatusCode == HttpStatusCode.NotFound ? ExitCode.NotFound : ExitCode.Failed,
                    $"{info.Name}.{name} failed: {(int)response.StatusCode} {message}");
            }
            if (context.Json || text.Length == 0)
            {
                context.Printer.Out.WriteLine(text.Length == 0 ? "null" : text);
            }
            else
            {
                context.Printer.WriteJson(JsonNode.Parse(text));
            }
            return ExitCode.Ok;
        });
        return command;
    }
}
