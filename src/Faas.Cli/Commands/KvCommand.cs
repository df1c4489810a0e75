using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;

namespace Faas.Cli.Commands;

/// <summary><c>faas kv list|get|set|delete</c>: an app's key-value store through <c>/api/apps/{app}/kv</c> (values as raw bodies).</summary>
internal static class KvCommand
{
    private const int PageSize = 100;

    public static Command Create(CliHost host)
    {
        var command = new Command("kv", CliHost.Describe("Read and change an app's key-value store (what its functions see as kv).",
            "faas kv list counter --prefix visits:", "faas kv set counter visits 0", "faas kv get counter visits", "faas kv delete counter visits"));
        var app = AppArguments.App();
        var key = new Argument<string>("key") { Description = "The key." };
        var prefix = new Option<string?>("--prefix") { Description = "Only keys starting with this." };
        var list = new Command("list", "The app's keys.") { app, prefix };
        host.Bind(list, async (context, parse, ct) =>
        {
            var name = Name(parse, app);
            var keys = await ListAllAsync(context, name, parse.GetValue(prefix), ct);
            if (context.Json)
            {
                context.Printer.WriteJson(new JsonArray([.. keys.Select(k => JsonValue.Create(k))]));
                return ExitCode.Ok;
            }
            foreach (var item in keys)
            {
                context.Printer.Line(item);
            }
            return ExitCode.Ok;
        });
        var get = new Command("get", "A key's value, as stored (exit 4 if absent).") { app, key };
        host.Bind(get, async (context, parse, ct) =>
        {
            var name = Name(parse, app);
            using var response = await context.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, KeyPath(name, parse.GetValue(key)!)), $"read '{parse.GetValue(key)}' of '{name}'", ct);
            var value = await response.Content.ReadAsStringAsync(ct);
            context.Printer.Out.WriteLine(context.Json ? JsonValue.Create(value).ToJsonString() : value);
            return ExitCode.Ok;
        });
        var value = new Argument<string>("value") { Description = "The value (a string, stored as is); @file reads a file." };
        var set = new Command("set", "Set a key.") { app, key, value };
        host.Bind(set, async (context, parse, ct) =>
        {
            var name = Name(parse, app);
            var text = parse.GetValue(value)!;
            var bytes = text.StartsWith('@') ? await InvokeCommand.ReadFileAsync(context.Environment.FullPath(text[1..]), ct) : Encoding.UTF8.GetBytes(text);
            var request = new HttpRequestMessage(HttpMethod.Put, KeyPath(name, parse.GetValue(key)!)) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/plain; charset=utf-8");
            using var _ = await context.Client.SendAsync(request, $"set '{parse.GetValue(key)}' of '{name}'", ct);
            context.Printer.Line($"✓ {name}: {parse.GetValue(key)} set");
            return ExitCode.Ok;
        });
        var delete = new Command("delete", "Remove a key.") { app, key };
        host.Bind(delete, async (context, parse, ct) =>
        {
            var name = Name(parse, app);
            using var _ = await context.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, KeyPath(name, parse.GetValue(key)!)), $"delete '{parse.GetValue(key)}' of '{name}'", ct);
            context.Printer.Line($"✓ {name}: {parse.GetValue(key)} removed");
            return ExitCode.Ok;
        });
        command.Add(list);
        command.Add(get);
        command.Add(set);
        command.Add(delete);
        return command;
    }

    /// <summary>Every key (with the prefix), page after page of the route's largest page.</summary>
    private static async Task<List<string>> ListAllAsync(CliContext context, string app, string? prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var filter = prefix is null ? "" : $"&prefix={Uri.EscapeDataString(prefix)}";
        while (true)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"api/apps/{app}/kv?limit={PageSize}&offset={keys.Count}{filter}");
            using var response = await context.Client.SendAsync(request, $"list the keys of '{app}'", cancellationToken);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var items = page?["keys"]?.AsArray().Select(k => k!.GetValue<string>()).ToList() ?? [];
            keys.AddRange(items);
            if (items.Count == 0 || keys.Count >= (page?["pagination"]?["total"]?.GetValue<int>() ?? 0))
            {
                return keys;
            }
        }
    }

    private static string Name(ParseResult parse, Argument<string> app) => AppArguments.Validate(parse.GetValue(app));

    private static string KeyPath(string app, string key) => $"api/apps/{app}/kv/{Uri.EscapeDataString(key)}";
}
