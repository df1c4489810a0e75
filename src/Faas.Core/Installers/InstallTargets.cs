namespace Faas.Core.Installers;

/// <summary>
/// Where an app's installs go, all in its state folder: pip's <c>--target</c>, Bundler's
/// <c>BUNDLE_PATH</c>, and the file remembering what each folder was last installed from.
/// </summary>
public sealed record InstallTargets(string PythonPackages, string RubyGems, string KeysFile);
