using System.CommandLine;
using System.Text.Json.Nodes;

namespace Faas.Cli.Commands;

/// <summary>
/// <c>faas keys list|create|revoke</c>: the server's admin and invoke keys through <c>/api/keys</c>
/// (docs/api.md, "Keys"). A created key is printed once; the server keeps only its hash.
/// </summary>
internal static class KeysCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("keys", CliHost.Describe("List, create and revoke the server's keys (an admin key guards the API; invoke keys guard one app's calls).",
            "faas keys list", "faas keys create laptop --scope admin", "faas keys create ci --scope invoke --app hello", "faas keys revoke k_0123abcd"));
        var list = new Command("list", "Every key: id, name, scope, app, created (never the secret).");
        host.Bind(list, async (context, parse, ct) =>
        {
            using var response = await context.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/keys"), "list the keys", ct);
            var node = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
            var keys = (node as JsonArray ?? node?["keys"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            if (context.Json)
            {
                context.Printer.WriteJson(new JsonArray([.. keys.Select(k => k.DeepClone())]));
            }
            else
            {
                context.Printer.Table(["Id", "Name", "Scope", "App", "Created"],
                    keys.Select(k => new[] { Text(k, "id"), Text(k, "name"), Text(k, "scope"), Text(k, "app"), Text(k, "created") }));
            }
            return ExitCode.Ok;
        });
        var name = new Argument<string>("name") { Description = "What the key is for (shown in the list)." };
        var scope = new Option<string>("--scope") { Description = "admin (every route) or invoke (one app's calls).", DefaultValueFactory = _ => "admin" };
        scope.AcceptOnlyFromAmong("admin", "invoke");
        var app = new Option<string?>("--app") { Description = "The app an invoke key may call." };
        var create = new Command("create", "Create a key and print it (shown this once).") { name, scope, app };
        host.Bind(create, async (context, parse, ct) =>
        {
            var body = new JsonObject { ["name"] = parse.GetValue(name), ["scope"] = parse.GetValue(scope) };
            if (parse.GetValue(app) is { } target)
            {
                body["app"] = AppArguments.Validate(target);
            }
            using var response = await context.Client.PostJsonAsync("api/keys", body, "create a key", ct);
            var created = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) as JsonObject ?? [];
            if (context.Json)
            {
                context.Printer.WriteJson(created);
            }
            else
            {
                context.Printer.Line($"✓ key {Text(created, "id")} ({Text(created, "scope")}{(created["app"] is null ? "" : " " + Text(created, "app"))}), shown once:");
                context.Printer.Out.WriteLine(Text(created, "key"));
            }
            return ExitCode.Ok;
        });
        var id = new Argument<string>("id") { Description = "The key's id (from faas keys list)." };
        var openApp = new Option<bool>("--open-app") { Description = "Also when it is the app's last invoke key (the app becomes callable by anyone)." };
        var revoke = new Command("revoke", "Revoke a key at once.") { id, openApp };
        host.Bind(revoke, async (context, parse, ct) =>
        {
            var path = $"api/keys/{Uri.EscapeDataString(parse.GetValue(id)!)}{(parse.GetValue(openApp) ? "?openApp=true" : "")}";
            using var _ = await context.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), $"revoke the key '{parse.GetValue(id)}'", ct);
            context.Printer.Line($"✓ key {parse.GetValue(id)} revoked");
            return ExitCode.Ok;
        });
        command.Add(list);
        command.Add(create);
        command.Add(revoke);
        return command;
    }

    private static string Text(JsonObject node, string property) => node[property]?.ToString() ?? "";
}
