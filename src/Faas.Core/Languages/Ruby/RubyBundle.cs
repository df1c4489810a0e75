using System.Text.RegularExpressions;
using Faas.Core.Paths;

namespace Faas.Core.Languages.Ruby;

/// <summary>
/// How an app's <c>Gemfile</c> is installed and found again: Bundler is pointed by environment
/// variables at the Gemfile and at the app's gems folder in its state (with Bundler's own config
/// there too), so <c>bundle install</c> writes nothing into the app folder but <c>Gemfile.lock</c>,
/// and the Ruby worker, started with the same variables, finds the gems with <c>bundler/setup</c>.
/// </summary>
internal static partial class RubyBundle
{
    /// <summary>Does the Gemfile ask for any gem? One that does not is never installed.</summary>
    public static bool DeclaresGems(string gemfile) =>
        File.ReadLines(gemfile).Any(line => GemLine().IsMatch(line));

    /// <summary>The Gemfile the Ruby worker loads: the shallowest one that declares gems, if any.</summary>
    public static string? FindGemfile(string appDirectory) =>
        AppFiles.FoldersWith(appDirectory, "Gemfile")
            .Select(folder => Path.Combine(folder, "Gemfile"))
            .FirstOrDefault(DeclaresGems);

    public static Dictionary<string, string> Environment(string gemfile, string gemsDirectory) => new(StringComparer.Ordinal)
    {
        ["BUNDLE_GEMFILE"] = gemfile,
        ["BUNDLE_PATH"] = gemsDirectory,
        ["BUNDLE_APP_CONFIG"] = Path.Combine(gemsDirectory, ".bundle"),
        // Servers often run as root; Bundler's warning about it is noise in the app log.
        ["BUNDLE_SILENCE_ROOT_WARNING"] = "1",
    };

    /// <summary>The worker's variables for an app (none without a Gemfile).</summary>
    public static Dictionary<string, string> WorkerEnvironment(string appDirectory, string gemsDirectory) =>
        FindGemfile(appDirectory) is { } gemfile ? Environment(gemfile, gemsDirectory) : new(StringComparer.Ordinal);

    [GeneratedRegex(@"^\s*(gem|gemspec)\b", RegexOptions.CultureInvariant)]
    private static partial Regex GemLine();
}
