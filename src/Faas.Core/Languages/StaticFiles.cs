namespace Faas.Core.Languages;

/// <summary>The <c>file</c> pseudo-language of metacall.json: static files served as they are, with no worker.</summary>
public static class StaticFiles
{
    public const string Id = "file";
}
