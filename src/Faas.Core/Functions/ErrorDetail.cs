using System.Text;
using System.Text.RegularExpressions;
using Faas.Core.Rpc;

namespace Faas.Core.Functions;

/// <summary>
/// What an execution record keeps of a function's error: its type and message and, when the worker sent
/// its stack (Node.js, TypeScript, Python, Ruby, C#, Lua), where it happened in the app's own files — the file, the line and
/// the lines around it, the line itself marked with <c>&gt;</c>.
/// </summary>
public static partial class ErrorDetail
{
    private const int Around = 2;
    private const int MaxLineChars = 200;

    public static string Describe(RpcError error, string? versionDirectory)
    {
        var text = new StringBuilder(error.Type is { Length: > 0 } type && !error.Message.StartsWith(type, StringComparison.Ordinal) ? $"{type}: {error.Message}" : error.Message);
        if (error.Stack is { Length: > 0 } stack && versionDirectory is not null && Where(stack, versionDirectory) is var (file, line))
        {
            text.Append('\n').Append("  at ").Append(Path.GetRelativePath(versionDirectory, file).Replace('\\', '/')).Append(':').Append(line);
            AppendSource(text, file, line);
        }
        return text.ToString();
    }

    /// <summary>The first frame of the stack in a file of the version (the innermost one the app wrote).</summary>
    internal static (string File, int Line)? Where(string stack, string versionDirectory)
    {
        var root = Path.GetFullPath(versionDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var frames = Frame().Matches(stack).Select(m => (File: m.Groups["file"].Value, Line: int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(f => f.File.StartsWith(root, StringComparison.Ordinal) && !f.File.Contains("/node_modules/", StringComparison.Ordinal))
            .ToList();
        if (frames.Count == 0)
        {
            return Relative(stack, root);
        }
        // Python prints the innermost frame last, Node.js, Ruby and C# first.
        return stack.StartsWith("Traceback", StringComparison.Ordinal) ? frames[^1] : frames[0];
    }

    /// <summary>Lua names its scripts as listed (<c>handler.lua:12:</c>): the first such frame naming a file of the version.</summary>
    private static (string File, int Line)? Relative(string stack, string root)
    {
        foreach (Match match in RelativeFrame().Matches(stack))
        {
            var file = Path.GetFullPath(Path.Combine(root, match.Groups["file"].Value));
            if (file.StartsWith(root, StringComparison.Ordinal) && File.Exists(file))
            {
                return (file, int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return null;
    }

    private static void AppendSource(StringBuilder text, string file, int line)
    {
        string[] lines;
        try
        {
            if (!File.Exists(file) || new FileInfo(file).Length > 1024 * 1024)
            {
                return;
            }
            lines = File.ReadAllLines(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        for (var n = Math.Max(1, line - Around); n <= Math.Min(lines.Length, line + Around); n++)
        {
            var source = lines[n - 1].Length > MaxLineChars ? lines[n - 1][..MaxLineChars] + "…" : lines[n - 1];
            text.Append('\n').Append(n == line ? "> " : "  ").Append(n.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(4)).Append(" | ").Append(source);
        }
    }

    // Node.js "at f (/app/v1/index.js:12:5)", Ruby "/app/v1/main.rb:12:in 'f'", Python 'File "/app/v1/main.py", line 12, in f',
    // C# "at Handler.handler(...) in /app/v1/Handler.cs:line 12".
    [GeneratedRegex("""(?<file>/[^\s:()"']+)(?::line |:|", line )(?<line>\d+)""")]
    private static partial Regex Frame();

    // Lua "handler.lua:12: in function 'handler'" (a name as listed in metacall.json, never absolute).
    [GeneratedRegex("""(?<![\w./-])(?<file>[\w.-][\w./-]*\.\w+):(?<line>\d+):""")]
    private static partial Regex RelativeFrame();
}
