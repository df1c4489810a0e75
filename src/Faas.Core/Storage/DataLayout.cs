using Faas.Core.Apps;

namespace Faas.Core.Storage;

/// <summary>
/// The folders under the data directory. App files live in <c>apps/&lt;name&gt;</c> exactly as
/// uploaded (the Hub's layout); what the server keeps about an app (its record, its log, its
/// installed Python packages) lives apart in <c>state/&lt;name&gt;</c>, so user files and ours never mix.
/// </summary>
public sealed class DataLayout(string dataDirectory)
{
    public string Root { get; } = Path.GetFullPath(dataDirectory);

    public string AppsDirectory => Path.Combine(Root, "apps");

    public string StateDirectory => Path.Combine(Root, "state");

    /// <summary>Uploads and clones are built here, then moved into <see cref="AppsDirectory"/> in one rename.</summary>
    public string StagingDirectory => Path.Combine(Root, "staging");

    public string AppDirectory(AppName name) => Path.Combine(AppsDirectory, name.Value);

    public string AppStateDirectory(AppName name) => Path.Combine(StateDirectory, name.Value);

    public string RecordFile(AppName name) => Path.Combine(AppStateDirectory(name), "deployment.json");

    public string LogFile(AppName name) => Path.Combine(AppStateDirectory(name), "app.log");

    public string PythonPackagesDirectory(AppName name) => Path.Combine(AppStateDirectory(name), "python");

    /// <summary>Where <c>bundle install</c> puts the app's gems (<c>BUNDLE_PATH</c>).</summary>
    public string RubyGemsDirectory(AppName name) => Path.Combine(AppStateDirectory(name), "ruby");

    /// <summary>The hash of each folder's dependency files at its last install (see <c>InstallKeys</c>).</summary>
    public string InstallKeysFile(AppName name) => Path.Combine(AppStateDirectory(name), "install-keys.json");

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
}
