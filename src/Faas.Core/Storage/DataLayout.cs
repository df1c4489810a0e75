using Faas.Core.Apps;
using Faas.Core.Deployments;

namespace Faas.Core.Storage;

/// <summary>
/// The folders under the data directory (docs/architecture.md, "On disk"). An app's files live in
/// <c>apps/&lt;name&gt;/</c>: <c>source/</c> holds the latest upload or clone (what the next deploy builds
/// from) and <c>v1/</c>, <c>v2/</c>, ... one immutable folder per kept version, with its installed
/// dependencies. What the server keeps about an app (its record, its log, each version's saved functions
/// and installed Python and Ruby packages) lives apart in <c>state/&lt;name&gt;/</c>, so user files and
/// ours never mix.
/// </summary>
public sealed class DataLayout(string dataDirectory)
{
    public string Root { get; } = Path.GetFullPath(dataDirectory);

    public string AppsDirectory => Path.Combine(Root, "apps");

    public string StateDirectory => Path.Combine(Root, "state");

    /// <summary>Uploads, clones and deletions are staged here, then moved into place in one rename.</summary>
    public string StagingDirectory => Path.Combine(Root, "staging");

    /// <summary>Installed dependencies shared by every version and app, by content key (see <c>DependencyCache</c>).</summary>
    public string DependencyCacheDirectory => Path.Combine(Root, "cache", "deps");

    /// <summary>The SQLite database of the execution history, the KV and env stores (see <c>Database</c>).</summary>
    public string DatabaseFile => Path.Combine(Root, "faas.db");

    public string AppDirectory(AppName name) => Path.Combine(AppsDirectory, name.Value);

    /// <summary>The files of the latest upload or clone.</summary>
    public string SourceDirectory(AppName name) => Path.Combine(AppDirectory(name), "source");

    public string VersionDirectory(AppName name, int version) => Path.Combine(AppDirectory(name), VersionId.Format(version));

    public string AppStateDirectory(AppName name) => Path.Combine(StateDirectory, name.Value);

    public string RecordFile(AppName name) => Path.Combine(AppStateDirectory(name), "app.json");

    public string LogFile(AppName name) => Path.Combine(AppStateDirectory(name), "app.log");

    /// <summary>What the server keeps about one version: its functions, its Python and Ruby packages.</summary>
    public string VersionStateDirectory(AppName name, int version) => Path.Combine(AppStateDirectory(name), VersionId.Format(version));

    /// <summary>
    /// A version's scratch folder (its workers' and installers' HOME and TMPDIR), inside the version's
    /// state folder so it goes with it; <paramref name="versionStateDirectory"/> is also its dependencies folder.
    /// </summary>
    public static string ScratchOf(string versionStateDirectory) => Path.Combine(versionStateDirectory, "scratch");

    public string FunctionsFile(AppName name, int version) => Path.Combine(VersionStateDirectory(name, version), "functions.json");

    /// <summary>Where a version's installs that live outside its files go, a subfolder per language (<c>python/</c>, <c>ruby/</c>).</summary>
    public string DependenciesDirectory(AppName name, int version) => VersionStateDirectory(name, version);

    /// <summary>The hash of each folder's dependency files at its last install (see <c>InstallKeys</c>).</summary>
    public string InstallKeysFile(AppName name, int version) => Path.Combine(VersionStateDirectory(name, version), "install-keys.json");

    /// <summary>Every kept version's install-keys file (they name the dependency-cache entries in use).</summary>
    public IEnumerable<string> AllInstallKeysFiles() =>
        Directory.Exists(StateDirectory)
            ? Directory.EnumerateDirectories(StateDirectory).SelectMany(Directory.EnumerateDirectories)
                .Select(version => Path.Combine(version, "install-keys.json")).Where(File.Exists)
            : [];

    public void EnsureCreated()
    {
        Directory.CreateDirectory(AppsDirectory);
        Directory.CreateDirectory(StateDirectory);
        Directory.CreateDirectory(StagingDirectory);
    }

    /// <summary>A fresh, empty folder for staging an upload or a clone.</summary>
    public string NewStagingFolder()
    {
        var path = Path.Combine(StagingDirectory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Renames <paramref name="directory"/> into staging and deletes it there, so a crash never leaves half of it in place.</summary>
    public void MoveAwayAndDelete(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }
        Directory.CreateDirectory(StagingDirectory);
        var trash = Path.Combine(StagingDirectory, "deleted-" + Guid.NewGuid().ToString("N"));
        Directory.Move(directory, trash);
        DeleteQuietly(trash);
    }

    public static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next start-up's clean-up of the staging folder.
        }
    }
}
