using System.Text.RegularExpressions;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Docs;

/// <summary>The fenced code blocks of a page of <c>docs/</c>, as a reader copies them.</summary>
public static partial class DocBlocks
{
    public static string PathOf(string page) => Path.Combine(Samples.Root, "..", "docs", page);

    /// <summary>The one block of <paramref name="page"/> fenced as <paramref name="tag"/> (<c>```js</c>).</summary>
    public static string Single(string page, string tag)
    {
        var blocks = Fenced().Matches(File.ReadAllText(PathOf(page))).Where(m => m.Groups["tag"].Value == tag).Select(m => m.Groups["code"].Value).ToList();
        return Assert.Single(blocks);
    }

    [GeneratedRegex(@"^```(?<tag>\w+)\n(?<code>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fenced();
}
