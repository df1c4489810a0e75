namespace Faas.Core.Installers;

/// <summary>
/// Where an app's installs go: installs that live outside the app (pip's <c>--target</c>, Bundler's
/// <c>BUNDLE_PATH</c>) each in a subfolder of <paramref name="DependenciesDirectory"/> named by their
/// language, and the file remembering what each folder was last installed from.
/// </summary>
public sealed record InstallTargets(string DependenciesDirectory, string KeysFile);
