using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Faas.Cli.Output;

/// <summary>
/// Human output (text and tables, via Spectre.Console) or, with <c>--json</c>, exactly one JSON document on
/// stdout. Messages and warnings go to stderr in both modes, so stdout stays parseable.
/// </summary>
internal sealed class Printer
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private IAnsiConsole? console;

    public Printer(TextWriter output, TextWriter error, bool json)
    {
        Out = output;
        Error = error;
        Json = json;
        Interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public bool Json { get; }

    /// <summary>A terminal: a live progress line instead of one line per step.</summary>
    public bool Interactive { get; }

    /// <summary>A line of human output (nothing in JSON mode).</summary>
    public void Line(string text = "")
    {
        if (!Json)
        {
            Out.WriteLine(text);
        }
    }

    /// <summary>A note on stderr (both modes).</summary>
    public void Note(string text) => Error.WriteLine(text);

    /// <summary>Spectre's console, created on first use: its terminal detection is work a --json run never needs.</summary>
    private IAnsiConsole Terminal => console ??= CreateConsole(Out, Interactive);

    public void WriteJson(JsonNode? node) => Out.WriteLine(node?.ToJsonString(Indented) ?? "null");

    public void Render(IRenderable renderable)
    {
        if (!Json)
        {
            Terminal.Write(renderable);
        }
    }

    /// <summary>A table with these headers and rows (plain text cells, never markup).</summary>
    public void Table(string[] headers, IEnumerable<string[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }
        foreach (var row in rows)
        {
            table.AddRow([.. row.Select(cell => (IRenderable)new Text(cell))]);
        }
        Render(table);
    }

    /// <summary>Runs work with a live status line on a terminal, else prints the status once.</summary>
    public async Task<T> StatusAsync<T>(string status, Func<Task<T>> work)
    {
        if (Json)
        {
            return await work();
        }
        if (!Interactive)
        {
            Out.WriteLine(status);
            return await work();
        }
        return await Terminal.Status().StartAsync(Markup.Escape(status), _ => work());
    }

    private static IAnsiConsole CreateConsole(TextWriter output, bool interactive)
    {
        var created = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            created.Profile.Width = 160;
        }
        return created;
    }
}
