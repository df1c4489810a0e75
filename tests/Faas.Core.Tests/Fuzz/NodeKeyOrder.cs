using System.Diagnostics;
using System.Text.Json;

namespace Faas.Core.Tests.Fuzz;

/// <summary>
/// JavaScript's own key order for JSON objects, asked of Node.js itself (one process for a whole
/// batch): the reference for the binder's positional order, as MetaCall Hub is JavaScript.
/// </summary>
internal static class NodeKeyOrder
{
    private const string Script =
        "const rl=require('readline').createInterface({input:process.stdin});" +
        "rl.on('line',l=>process.stdout.write(JSON.stringify(Object.keys(JSON.parse(JSON.parse(l))))+'\\n'));";

    /// <param name="cancellationToken">Ends the wait; Node.js is then killed.</param>
    public static async Task<IReadOnlyList<string[]>> KeysAsync(IReadOnlyList<string> objects, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(Script);
        using var node = Process.Start(start)!;
        string[] lines;
        try
        {
            var output = node.StandardOutput.ReadToEndAsync(cancellationToken);
            foreach (var text in objects)
            {
                // One JSON string literal per line: escapes every line break of the text, U+2028 included.
                await node.StandardInput.WriteLineAsync(JsonSerializer.Serialize(text, FuzzJsonContext.Default.String).AsMemory(), cancellationToken);
            }
            node.StandardInput.Close();
            await node.WaitForExitAsync(cancellationToken);
            lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill();
            }
        }
        Assert.Equal(objects.Count, lines.Length);
        return [.. lines.Select(line => JsonSerializer.Deserialize(line, FuzzJsonContext.Default.StringArray)!)];
    }
}
