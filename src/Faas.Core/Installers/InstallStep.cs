namespace Faas.Core.Installers;

/// <summary>
/// One install in one folder: the command, the runtime and files its result depends on (hashed into
/// its key), and the folder it fills (the install is redone if that is gone). Planned by a language.
/// </summary>
/// <param name="What">The tool's action, naming the step in logs and keys: <c>npm install</c>.</param>
/// <param name="Runtime">The runtime's <see cref="Languages.RuntimeStatus.Key"/>: an upgrade reinstalls.</param>
public sealed record InstallStep(
    string What,
    string Folder,
    string Runtime,
    IReadOnlyList<string> KeyFiles,
    string Output,
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?>? Environment = null)
{
    /// <summary>The folder relative to the app, with <c>/</c>: <c>.</c> for the root.</summary>
    public string Where(string appDirectory) => Path.GetRelativePath(appDirectory, Folder).Replace('\\', '/');

    /// <summary>Names the step in the keys file, e.g. <c>npm install in lib</c>.</summary>
    public string Id(string appDirectory) => $"{What} in {Where(appDirectory)}";
}
