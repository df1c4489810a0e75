namespace Faas.Core.Diffs;

/// <summary>One line of a diff: <c>unchanged</c>, <c>added</c> or <c>removed</c>, with its line numbers (1-based) on each side.</summary>
public sealed record DiffLine(string Type, int? OldLine, int? NewLine, string Content);

/// <summary>
/// A line diff by longest common subsequence. Inputs past <see cref="MaxCells"/> (old × new lines) are
/// shown as every old line removed and every new line added rather than spending the memory.
/// </summary>
public static class LineDiff
{
    public const long MaxCells = 16_000_000;

    public static IReadOnlyList<DiffLine> Compute(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        // Common head and tail first: most edits touch a few lines.
        var head = 0;
        while (head < before.Count && head < after.Count && before[head] == after[head])
        {
            head++;
        }
        var tail = 0;
        while (tail < before.Count - head && tail < after.Count - head && before[^(tail + 1)] == after[^(tail + 1)])
        {
            tail++;
        }
        var lines = new List<DiffLine>();
        for (var i = 0; i < head; i++)
        {
            lines.Add(new DiffLine("unchanged", i + 1, i + 1, before[i]));
        }
        var n = before.Count - head - tail;
        var m = after.Count - head - tail;
        if ((long)n * m > MaxCells)
        {
            for (var i = 0; i < n; i++)
            {
                lines.Add(new DiffLine("removed", head + i + 1, null, before[head + i]));
            }
            for (var j = 0; j < m; j++)
            {
                lines.Add(new DiffLine("added", null, head + j + 1, after[head + j]));
            }
        }
        else
        {
            Middle(before, after, head, n, m, lines);
        }
        for (var k = 0; k < tail; k++)
        {
            var i = before.Count - tail + k;
            var j = after.Count - tail + k;
            lines.Add(new DiffLine("unchanged", i + 1, j + 1, before[i]));
        }
        return lines;
    }

    /// <summary>Splits text into lines (LF or CRLF); a final newline does not make an empty last line.</summary>
    public static IReadOnlyList<string> Lines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    private static void Middle(IReadOnlyList<string> before, IReadOnlyList<string> after, int offset, int n, int m, List<DiffLine> lines)
    {
        // lcs[i, j]: the longest common subsequence of before[i..] and after[j..] (within the middle).
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = before[offset + i] == after[offset + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && before[offset + x] == after[offset + y])
            {
                lines.Add(new DiffLine("unchanged", offset + x + 1, offset + y + 1, before[offset + x]));
                x++;
                y++;
            }
            else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                // Removals before additions, as diff tools show a changed line.
                lines.Add(new DiffLine("removed", offset + x + 1, null, before[offset + x]));
                x++;
            }
            else
            {
                lines.Add(new DiffLine("added", null, offset + y + 1, after[offset + y]));
                y++;
            }
        }
    }
}
