using Faas.Core.Languages;
using Faas.Core.Manifests;

namespace Faas.Core.Tests.Manifests;

/// <summary>The rule for apps without any metacall*.json (docs/api.md, "Apps without metacall.json").</summary>
public sealed class ManifestDetectionTests : IDisposable
{
    private static readonly string[] AllLanguages = ["node", "py", "rb"];

    private readonly string _app = Directory.CreateTempSubdirectory("faas-detect-").FullName;

    public void Dispose() => Directory.Delete(_app, recursive: true);

    private void Files(params string[] names)
    {
        foreach (var name in names)
        {
            var path = Path.Combine(_app, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "");
        }
    }

    private Dictionary<string, string[]> Detect(params string[] languages) =>
        ManifestScanner.Scan(_app, new LanguageRegistry(LanguageRegistry.Default.All.Where(l => (languages.Length == 0 ? AllLanguages : languages).Contains(l.Info.Id))))
            .ScriptsByLanguage.ToDictionary(p => p.Key, p => p.Value.Select(s => s.Name).ToArray());

    [Fact]
    public void ExtensionRule_RootScriptsByName_SkippingTestsAndConfigs()
    {
        Files("b.js", "a.mjs", "c.cjs", "jest.config.js", "a.test.js", "a.spec.js", ".eslintrc.js",
            "util.py", "main.py", "setup.py", "conftest.py", "test_util.py", "util_test.py",
            "tools.rb", "tools_spec.rb", "test_tools.rb", "Gemfile", "Rakefile", "lib/deep.js");

        var scripts = Detect();

        Assert.Equal(["node", "py", "rb"], scripts.Keys);
        Assert.Equal(["a.mjs", "b.js", "c.cjs"], scripts["node"]);
        Assert.Equal(["main.py", "util.py"], scripts["py"]);
        Assert.Equal(["tools.rb"], scripts["rb"]);
    }

    [Fact]
    public void PackageJsonMain_IsTheOnlyNodeScript()
    {
        Files("index.js", "helper.js", "lib/server.js");
        File.WriteAllText(Path.Combine(_app, "package.json"), """{"name":"x","main":"lib/server"}""");

        Assert.Equal(["lib/server.js"], Detect()["node"]);
    }

    [Fact]
    public void PackageJsonWithoutUsableMain_FallsBackToExtensions()
    {
        Files("index.js", "helper.js");
        File.WriteAllText(Path.Combine(_app, "package.json"), """{"name":"x","main":"missing.js"}""");

        Assert.Equal(["helper.js", "index.js"], Detect()["node"]);
    }

    [Fact]
    public void RequirementsOrPyproject_WithMainPy_PicksMainPy()
    {
        Files("main.py", "other.py", "pyproject.toml");

        Assert.Equal(["main.py"], Detect()["py"]);
    }

    [Fact]
    public void RequirementsWithoutMainPy_FallsBackToExtensions()
    {
        Files("app.py", "other.py", "requirements.txt");

        Assert.Equal(["app.py", "other.py"], Detect()["py"]);
    }

    [Theory]
    [InlineData(new[] { "Gemfile", "main.rb", "app.rb", "x.rb" }, "main.rb")]
    [InlineData(new[] { "Gemfile", "app.rb", "x.rb" }, "app.rb")]
    public void GemfileWithEntryFile_PicksIt(string[] files, string expected)
    {
        Files(files);

        Assert.Equal([expected], Detect()["rb"]);
    }

    [Fact]
    public void LanguageWithoutWorker_IsNotDetected()
    {
        Files("index.ts", "types.d.ts", "index.js");

        Assert.Equal(["node"], Detect("node", "py", "rb").Keys);
        Assert.Equal(["index.ts"], Detect("node", "ts")["ts"]);
    }

    [Fact]
    public void AnyMetacallJson_TurnsDetectionOff()
    {
        Files("index.js", "main.py");
        File.WriteAllText(Path.Combine(_app, "metacall-py.json"), """{"language_id":"py","path":".","scripts":["main.py"]}""");

        Assert.Equal(["py"], Detect().Keys);
    }

    [Fact]
    public void NothingRecognised_GivesNoScripts()
    {
        Files("README.md", "data.json", "sub/index.js");

        Assert.Empty(Detect());
    }
}
