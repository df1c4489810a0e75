using Faas.Core.Diffs;

namespace Faas.Core.Tests.Functions;

public sealed class LineDiffTests
{
    private static string Render(IReadOnlyList<DiffLine> lines) =>
        string.Join(" ", lines.Select(l => (l.Type switch { "added" => "+", "removed" => "-", _ => "=" }) + l.Content));

    [Theory]
    [InlineData("a\nb\nc\n", "a\nb\nc\n", "=a =b =c")]
    [InlineData("a\nb\nc\n", "a\nx\nc\n", "=a -b +x =c")]
    [InlineData("a\nc\n", "a\nb\nc\n", "=a +b =c")]
    [InlineData("a\nb\nc\n", "c\n", "-a -b =c")]
    [InlineData("", "a\n", "+a")]
    [InlineData("x\ny\nz\n", "y\nq\nz\nw\n", "-x =y +q =z +w")]
    public void Compute_TwoTexts_MinimalLineEdits(string before, string after, string expected) =>
        Assert.Equal(expected, Render(LineDiff.Compute(LineDiff.Lines(before), LineDiff.Lines(after))));

    [Fact]
    public void Compute_Changed_LineNumbersOnEachSide()
    {
        var lines = LineDiff.Compute(["a", "b", "c"], ["a", "c", "d"]);

        Assert.Equal([("unchanged", 1, 1), ("removed", 2, null), ("unchanged", 3, 2), ("added", null, 3)],
            lines.Select(l => (l.Type, l.OldLine, l.NewLine)));
    }
}
