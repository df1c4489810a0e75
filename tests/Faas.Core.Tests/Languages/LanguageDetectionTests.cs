using Faas.Core.Languages;
using Faas.Core.Manifests;

namespace Faas.Core.Tests.Languages;

/// <summary>Detection and metacall.json language ids, each language through the registry.</summary>
public sealed class LanguageDetectionTests : IDisposable
{
    private readonly string _app = Directory.CreateTempSubdirectory("faas-languages-").FullName;

    public void Dispose() => Directory.Delete(_app, recursive: true);

    private void Files(params string[] names)
    {
        foreach (var name in names)
        {
            File.WriteAllText(Path.Combine(_app, name), "");
        }
    }

    private Dictionary<string, string[]> Scan(LanguageRegistry? languages = null) =>
        ManifestScanner.Scan(_app, languages ?? LanguageRegistry.Default)
            .ScriptsByLanguage.ToDictionary(p => p.Key, p => p.Value.Select(s => s.Name).ToArray());

    [Theory]
    [InlineData("node", new[] { "index.js", "lib.mjs", "README.md" }, new[] { "index.js", "lib.mjs" })]
    [InlineData("py", new[] { "calc.py", "test_calc.py", "setup.py" }, new[] { "calc.py" })]
    [InlineData("rb", new[] { "words.rb", "words_spec.rb" }, new[] { "words.rb" })]
    [InlineData("ts", new[] { "index.ts", "types.d.ts" }, new[] { "index.ts" })]
    public void Detect_OneLanguagesFiles_OnlyThatLanguageWithItsScripts(string language, string[] files, string[] expected)
    {
        Files(files);

        var scripts = Scan();

        Assert.Equal([language], scripts.Keys);
        Assert.Equal(expected, scripts[language]);
    }

    [Fact]
    public void Detect_CSharpFiles_AreNotDetected()
    {
        Files("Functions.cs");

        Assert.Empty(Scan());
    }

    [Fact]
    public void Detect_EachLanguageAsksOnlyItself_ThroughTheRegistry()
    {
        Files("index.js", "calc.py", "words.rb", "index.ts", "game.lua");

        foreach (var language in LanguageRegistry.Default.All.Where(l => l.Info.Id != "cs"))
        {
            var scripts = language.Detect(RootFiles.Read(_app));
            Assert.All(scripts, path => Assert.Contains(Path.GetExtension(path), language.Info.Extensions));
            Assert.Single(scripts);
        }
    }

    [Fact]
    public void Detect_LanguageAddedByOneRegistration_IsDetected()
    {
        Files("game.lua", "index.js");
        var withoutLua = new LanguageRegistry(LanguageRegistry.Default.All.Where(l => l.Info.Id != "lua"));
        var withLua = new LanguageRegistry([.. withoutLua.All, new LanguageRegistryTests.LuaLikeLanguage()]);

        var scripts = Scan(withLua);

        Assert.Equal(["node", "lua"], scripts.Keys);
        Assert.Equal(["game.lua"], scripts["lua"]);
        Assert.Equal(["node"], Scan(withoutLua).Keys);
        Assert.Equal(["node", "lua"], Scan().Keys);
    }

    [Theory]
    [InlineData("nodejs", "node")]
    [InlineData("python", "py")]
    [InlineData("ruby", "rb")]
    [InlineData("typescript", "ts")]
    [InlineData("csharp", "cs")]
    public void Scan_MetacallJsonWithAnAlias_GroupsUnderTheLanguageId(string alias, string id)
    {
        Files("script.any");
        File.WriteAllText(Path.Combine(_app, "metacall.json"), $$"""{"language_id":"{{alias}}","path":".","scripts":["script.any"]}""");

        Assert.Equal([id], Scan().Keys);
    }

    [Fact]
    public void Scan_MetacallJsonWithAnUnknownLanguage_FailsNamingTheSupportedOnes()
    {
        Files("main.cob");
        File.WriteAllText(Path.Combine(_app, "metacall.json"), """{"language_id":"cobol","path":".","scripts":["main.cob"]}""");

        var error = Assert.Throws<FaasException>(() => Scan());

        Assert.Equal(FaasError.BadRequest, error.Error);
        Assert.Contains("metacall.json is invalid: there is no worker for its language_id 'cobol' (supported: node", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_FileLanguage_StaysAsIs()
    {
        Files("index.html");
        File.WriteAllText(Path.Combine(_app, "metacall.json"), """{"language_id":"file","path":".","scripts":["index.html"]}""");

        Assert.Equal([StaticFiles.Id], Scan().Keys);
    }
}
