using Faas.Core.Apps;

namespace Faas.Cli.Folders;

/// <summary>The functions folder (<c>-d</c>, default <c>./functions</c>): each immediate subfolder is one app named after it.</summary>
internal static class FunctionsFolder
{
    /// <summary>The apps, sorted by name; a subfolder whose name is not a valid app name (or is hidden) is skipped with a warning.</summary>
    public static IReadOnlyList<FunctionFolder> Discover(string directory, Action<string> warn)
    {
        if (!Directory.Exists(directory))
        {
            throw new CliException(ExitCode.Usage, $"The functions folder '{directory}' does not exist (-d sets it; 'faas new <name>' creates one app in it).");
        }
        var folders = new List<FunctionFolder>();
        foreach (var sub in new DirectoryInfo(directory).EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (sub.Name.StartsWith('.'))
            {
                continue;
            }
            if (!AppName.TryParse(sub.Name, out var name))
            {
                warn($"Skipping '{sub.Name}': an app name is letters, digits, '.', '_' and '-', starting with a letter or digit, at most {AppName.MaxLength} characters.");
                continue;
            }
            var (kind, reason) = AppClassifier.Classify(sub.FullName);
            folders.Add(new FunctionFolder(name.Value, sub.FullName, kind, reason));
        }
        return folders;
    }
}
