using Faas.Core.Paths;

namespace Faas.Core.Languages.Python;

/// <summary>What the server reads from a <c>requirements.txt</c>.</summary>
internal static class PipRequirements
{
    public const string FileName = "requirements.txt";

    /// <summary>Any line that is not blank or a comment: a file without one runs no pip, nor network.</summary>
    public static bool DeclaresAny(string requirements) =>
        File.ReadLines(requirements).Any(line => line.Trim() is { Length: > 0 } trimmed && !trimmed.StartsWith('#'));

    /// <summary>
    /// Files of the app a requirements file names (local wheels, <c>-r other.txt</c>), so a rebuilt
    /// wheel under the same name still reinstalls. Folders (<c>-e ./pkg</c>) are not hashed.
    /// </summary>
    public static IEnumerable<string> LocalFilesNamedIn(string requirements, string appDirectory)
    {
        var folder = Path.GetDirectoryName(requirements)!;
        var found = new List<string>();
        foreach (var line in File.ReadLines(requirements))
        {
            foreach (var word in line.Split('#')[0].Split((char[])[' ', '\t', '='], StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = word.StartsWith("file:", StringComparison.Ordinal) ? word["file:".Length..] : word;
                if (candidate.StartsWith('-') || candidate.Contains("://", StringComparison.Ordinal))
                {
                    continue;
                }
                if (SafePath.Resolve(appDirectory, folder, candidate) is { } path && File.Exists(path) && !found.Contains(path))
                {
                    found.Add(path);
                }
            }
        }
        return found;
    }
}
