namespace Faas.Worker.CSharp;

/// <summary>A script to load: its name relative to the app root (with '/') and its absolute path.</summary>
internal sealed record ScriptFile(string Name, string Path)
{
    public string Extension => System.IO.Path.GetExtension(Path).ToLowerInvariant();
}
