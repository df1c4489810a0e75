using System.CommandLine;
using System.Text.Json.Nodes;
using Faas.Cli.Templates;

namespace Faas.Cli.Commands;

/// <summary><c>faas new &lt;name&gt; --lang ...</c>: a new app folder in the functions folder, from a template.</summary>
internal static class NewCommand
{
    public static Command Create(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "The app's name (its folder's name)." };
        var lang = new Option<string>("--lang", "-l") { Description = "The language.", Required = true };
        lang.AcceptOnlyFromAmong(AppTemplates.Languages);
        var dir = UpCommand.DirOption();
        var command = new Command("new", CliHost.Describe(
            $"Create an app folder from a template ({string.Join(", ", AppTemplates.Languages)}) in the functions folder; 'faas up' deploys it.",
            "faas new hello --lang node",
            "faas new api --lang go -d ./functions"))
        {
            name, lang, dir,
        };
        host.Bind(command, (context, parse, _) =>
        {
            var app = AppArguments.Validate(parse.GetValue(name));
            var folder = Path.Combine(context.Environment.FullPath(parse.GetValue(dir)!), app);
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            {
                throw new CliException(ExitCode.Usage, $"'{folder}' already exists and is not empty.");
            }
            Directory.CreateDirectory(folder);
            var files = AppTemplates.For(parse.GetValue(lang)!, app);
            foreach (var (file, text) in files)
            {
                File.WriteAllText(Path.Combine(folder, file), text);
            }
            context.Printer.Line($"✓ Created {folder} ({string.Join(", ", files.Keys)}). Deploy it with 'faas up'.");
            if (context.Json)
            {
                context.Printer.WriteJson(new JsonObject { ["app"] = app, ["folder"] = folder, ["files"] = new JsonArray([.. files.Keys.Select(f => (JsonNode)f)]) });
            }
            return Task.FromResult(ExitCode.Ok);
        });
        return command;
    }
}
