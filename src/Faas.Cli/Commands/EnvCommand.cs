using System.CommandLine;
using System.Text.Json.Nodes;

namespace Faas.Cli.Commands;

/// <summary>
/// <c>faas env list|get|set|delete</c>: an app's environment through <c>GET</c>/<c>PUT /api/apps/{app}/env</c>
/// (a full replacement, applied without a redeploy): set and delete read, change and write it back.
/// </summary>
internal static class EnvCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("env", CliHost.Describe("Read and change an app's environment variables (applied to the running version, no redeploy).",
            "faas env list hello", "faas env set hello GREETING=hi LEVEL=2", "faas env get hello GREETING", "faas env delete hello LEVEL"));
        var app = AppArguments.App();
        var list = new Command("list", "Every variable of the app.") { app };
        host.Bind(list, async (context, parse, ct) =>
        {
            var env = await ReadAsync(context, Name(parse, app), ct);
            if (context.Json)
            {
                context.Printer.WriteJson(env);
            }
            else
            {
                context.Printer.Table(["Name", "Value"], env.Select(p => new[] { p.Key, p.Value?.ToString() ?? "" }));
            }
            return ExitCode.Ok;
        });
        var getName = new Argument<string>("name") { Description = "The variable." };
        var get = new Command("get", "One variable's value (exit 4 if unset).") { app, getName };
        host.Bind(get, async (context, parse, ct) =>
        {
            var env = await ReadAsync(context, Name(parse, app), ct);
            var value = env[parse.GetValue(getName)!] ?? throw new CliException(ExitCode.NotFound, $"'{parse.GetValue(getName)}' is not set.");
            context.Printer.Out.WriteLine(context.Json ? value.ToJsonString() : value.ToString());
            return ExitCode.Ok;
        });
        var pairs = new Argument<string[]>("pairs") { Description = "NAME=value ...", Arity = ArgumentArity.OneOrMore };
        var set = new Command("set", "Set variables (the others are kept).") { app, pairs };
        host.Bind(set, async (context, parse, ct) =>
        {
            var name = Name(parse, app);
            var env = await ReadAsync(context, name, ct);
            foreach (var pair in parse.GetValue(pairs) ?? [])
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new CliException(ExitCode.Usage, $"'{pair}' is not NAME=value.");
                }
                env[pair[..equals]] = pair[(equals + 1)..];
            }
            await WriteAsync(context, name, env, ct);
            context.Printer.Line($"✓ {name}: environment updated");
            return ExitCode.Ok;
        });
        var names = new Argument<string[]>("names") { Description = "The variables to remove.", Arity = ArgumentArity.OneOrMore };
        var delete = new Command("delete", "Remove variables.") { app, names };
        host.Bind(delete, async (context, parse, ct) =>
        {
            var name = Name(parse, app);
            var env = await ReadAsync(context, name, ct);
            foreach (var variable in parse.GetValue(names) ?? [])
            {
                env.Remove(variable);
            }
            await WriteAsync(context, name, env, ct);
            context.Printer.Line($"✓ {name}: environment updated");
            return ExitCode.Ok;
        });
        command.Add(list);
        command.Add(get);
        command.Add(set);
        command.Add(delete);
        return command;
    }

    private static string Name(ParseResult parse, Argument<string> app) => AppArguments.Validate(parse.GetValue(app));

    private static async Task<JsonObject> ReadAsync(CliContext context, string app, CancellationToken cancellationToken)
    {
        using var response = await context.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/apps/{app}/env"), $"read the environment of '{app}'", cancellationToken);
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        // The route answers {"NAME":"value"}; an {"env": {...}} wrapper is accepted too.
        return (node?["env"] as JsonObject ?? node as JsonObject)?.DeepClone() as JsonObject ?? [];
    }

    private static async Task WriteAsync(CliContext context, string app, JsonObject env, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/apps/{app}/env") { Content = Http.FaasClient.JsonContent(env) };
        using var _ = await context.Client.SendAsync(request, $"write the environment of '{app}'", cancellationToken);
    }
}
