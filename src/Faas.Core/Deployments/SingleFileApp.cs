using System.Text;
using System.Text.Json;
using Faas.Core.Apps;
using Faas.Core.Languages;
using Faas.Core.Storage;

namespace Faas.Core.Deployments;

/// <summary>
/// Apps made of one source file (what a dashboard editor posts): the file, named after the language
/// (<c>index.js</c>, <c>index.ts</c>, <c>main.py</c>, <c>main.rb</c>, <c>Handler.cs</c>, <c>handler.lua</c>),
/// and its <c>metacall.json</c>. Published and deployed as any upload, so each save is a new version.
/// </summary>
public sealed class SingleFileApp(DataLayout layout, LanguageRegistry languages, DeploymentManager manager, DeploymentRegistry registry)
{
    public const long MaxCodeBytes = 1024 * 1024;
    public const string Source = "Code";

    private static readonly Dictionary<string, string> FileNames = new(StringComparer.Ordinal)
    {
        ["node"] = "index.js", ["ts"] = "index.ts", ["py"] = "main.py", ["rb"] = "main.rb", ["cs"] = "Handler.cs", ["lua"] = "handler.lua",
    };

    /// <summary>The file a language's single-file app keeps its code in.</summary>
    public static string FileName(ILanguage language) =>
        FileNames.TryGetValue(language.Info.Id, out var name) ? name : "main" + language.Info.Extensions[0];

    /// <summary>Creates the app from <paramref name="code"/> and deploys it as its first version.</summary>
    public async Task<AppVersion> CreateAsync(AppName name, string? languageId, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(languageId) || !languages.TryGet(languageId, out var language) || language.Info.Extensions.Count == 0)
        {
            throw new FaasException(FaasError.BadRequest, $"language: '{languageId}' is not a language this server runs (one of {languages.Supported()}).");
        }
        await PublishAsync(name, language, Check(code), replace: false, cancellationToken).ConfigureAwait(false);
        return await manager.DeployAsync(name.Value, [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deploys <paramref name="code"/> as the next version of a single-file app.</summary>
    public async Task<AppVersion> UpdateAsync(AppName name, string? code, CancellationToken cancellationToken)
    {
        registry.Get(name.Value, FaasError.NotFound);
        var language = LanguageOf(layout.SourceDirectory(name))
            ?? throw new FaasException(FaasError.BadRequest, $"The application '{name}' is not a single-file app (it was deployed from an archive or a repository): deploy it with PUT /api/apps/{name}.");
        await PublishAsync(name, language, Check(code), replace: true, cancellationToken).ConfigureAwait(false);
        return await manager.DeployAsync(name.Value, [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The code of a version folder that is a single-file app, else null.</summary>
    public string? CodeOf(string directory)
    {
        var language = LanguageOf(directory);
        return language is null ? null : File.ReadAllText(Path.Combine(directory, FileName(language)));
    }

    /// <summary>The language of a folder holding exactly a metacall.json naming one language and that language's single file (nothing else).</summary>
    private ILanguage? LanguageOf(string directory)
    {
        var manifest = Path.Combine(directory, "metacall.json");
        if (!File.Exists(manifest))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(manifest));
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("language_id", out var id) && id.ValueKind == JsonValueKind.String
                && languages.TryGet(id.GetString()!, out var language)
                && document.RootElement.TryGetProperty("scripts", out var scripts) && scripts.ValueKind == JsonValueKind.Array
                && scripts.GetArrayLength() == 1 && scripts[0].GetString() == FileName(language)
                && Diffs.VersionDiff.SourceFiles(directory).SequenceEqual(new[] { FileName(language), "metacall.json" }.Order(StringComparer.Ordinal)))
            {
                return language;
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    private static string Check(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new FaasException(FaasError.BadRequest, "code: the source text must not be empty.");
        }
        if (Encoding.UTF8.GetByteCount(code) > MaxCodeBytes)
        {
            throw new FaasException(FaasError.TooLarge, $"code: the source text is larger than {MaxCodeBytes} bytes.");
        }
        return code;
    }

    private async Task PublishAsync(AppName name, ILanguage language, string code, bool replace, CancellationToken cancellationToken)
    {
        var staging = layout.NewStagingFolder();
        try
        {
            var file = FileName(language);
            await File.WriteAllTextAsync(Path.Combine(staging, file), code, cancellationToken).ConfigureAwait(false);
            var manifest = JsonSerializer.Serialize(new Dictionary<string, object> { ["language_id"] = language.Info.Id, ["path"] = ".", ["scripts"] = new[] { file } });
            await File.WriteAllTextAsync(Path.Combine(staging, "metacall.json"), manifest, cancellationToken).ConfigureAwait(false);
            var record = new DeploymentRecord { Name = name.Value, Source = Source };
            await manager.PublishAsync(name, staging, record, replace, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            DataLayout.DeleteQuietly(staging);
        }
    }
}
