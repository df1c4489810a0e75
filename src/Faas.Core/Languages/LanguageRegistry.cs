using System.Diagnostics.CodeAnalysis;
using Faas.Core.Languages.CSharp;
using Faas.Core.Languages.Lua;
using Faas.Core.Languages.Node;
using Faas.Core.Languages.Python;
using Faas.Core.Languages.Ruby;
using Faas.Core.Languages.TypeScript;

namespace Faas.Core.Languages;

/// <summary>
/// The languages this server runs, found by id or alias (ignoring case). Their order is detection's
/// order, which decides which of two same-named functions wins in a detected app.
/// </summary>
public sealed class LanguageRegistry
{
    /// <summary>Every language: one line each.</summary>
    public static LanguageRegistry Default { get; } = new(
    [
        new NodeLanguage(),
        new PythonLanguage(),
        new RubyLanguage(),
        new TypeScriptLanguage(),
        new CSharpLanguage(),
        new LuaLanguage(),
    ]);

    private readonly Dictionary<string, ILanguage> _byName = new(StringComparer.OrdinalIgnoreCase);

    public LanguageRegistry(IEnumerable<ILanguage> languages)
    {
        All = [.. languages];
        foreach (var language in All)
        {
            foreach (var name in language.Info.Names)
            {
                if (name == StaticFiles.Id || !_byName.TryAdd(name, language))
                {
                    throw new ArgumentException($"The language name '{name}' is used twice.", nameof(languages));
                }
            }
        }
    }

    public IReadOnlyList<ILanguage> All { get; }

    public bool TryGet(string idOrAlias, [NotNullWhen(true)] out ILanguage? language) => _byName.TryGetValue(idOrAlias, out language);

    /// <summary>The language named <paramref name="idOrAlias"/>, or a 400 listing the ones there are.</summary>
    public ILanguage Get(string idOrAlias) => TryGet(idOrAlias, out var language)
        ? language
        : throw new FaasException(FaasError.BadRequest, $"There is no worker for the language '{idOrAlias}' (supported: {Supported()}).");

    /// <summary>The ids a <c>language_id</c> may take, for messages: <c>node (nodejs, ...), py (python), ..., file</c>.</summary>
    public string Supported() => string.Join(", ", All
        .Select(l => l.Info.Aliases.Count == 0 ? l.Info.Id : $"{l.Info.Id} ({string.Join(", ", l.Info.Aliases)})")
        .Append(StaticFiles.Id));
}
