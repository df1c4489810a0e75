namespace Faas.Core.Languages;

/// <summary>The regular files at an app's root (names, ordinal order; links left out), for detection.</summary>
public sealed record RootFiles(string Directory, IReadOnlyList<string> Names)
{
    public static RootFiles Read(string directory) => new(directory,
        [.. System.IO.Directory.EnumerateFiles(directory)
            .Where(f => new FileInfo(f).LinkTarget is null)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)]);

    public bool Has(string name) => Names.Contains(name, StringComparer.Ordinal);

    public string PathOf(string name) => Path.Combine(Directory, name);
}
