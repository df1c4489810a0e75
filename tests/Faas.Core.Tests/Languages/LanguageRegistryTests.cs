using Faas.Core.Installers;
using Faas.Core.Languages;
using Faas.Core.Pools;
using Faas.Core.Workers;

namespace Faas.Core.Tests.Languages;

/// <summary>Languages found by id or alias, in one registry.</summary>
public sealed class LanguageRegistryTests
{
    [Theory]
    [InlineData("node", "node")]
    [InlineData("nodejs", "node")]
    [InlineData("javascript", "node")]
    [InlineData("NodeJS", "node")]
    [InlineData("py", "py")]
    [InlineData("python", "py")]
    [InlineData("python3", "py")]
    [InlineData("rb", "rb")]
    [InlineData("ruby", "rb")]
    [InlineData("ts", "ts")]
    [InlineData("typescript", "ts")]
    [InlineData("cs", "cs")]
    [InlineData("csharp", "cs")]
    public void Get_IdOrAlias_ReturnsItsLanguage(string name, string id)
    {
        Assert.Equal(id, LanguageRegistry.Default.Get(name).Info.Id);
    }

    [Fact]
    public void Get_UnknownLanguage_ThrowsBadRequestListingTheSupportedOnes()
    {
        var error = Assert.Throws<FaasException>(() => LanguageRegistry.Default.Get("cobol"));

        Assert.Equal(FaasError.BadRequest, error.Error);
        Assert.Contains("'cobol'", error.Message, StringComparison.Ordinal);
        Assert.Contains("node (nodejs, javascript, js), py (python, python3), rb (ruby), ts (typescript), cs (csharp), lua, file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_IdsInDetectionOrder()
    {
        Assert.Equal(["node", "py", "rb", "ts", "cs", "lua"], LanguageRegistry.Default.All.Select(l => l.Info.Id));
    }

    [Fact]
    public void New_NameUsedTwice_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new LanguageRegistry([.. LanguageRegistry.Default.All, new LuaLikeLanguage("python")]));

        Assert.Contains("'python'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_FileAsAName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LanguageRegistry([new LuaLikeLanguage(StaticFiles.Id)]));
    }

    [Fact]
    public void ConcurrencyFor_LanguageDefaultsAndSettingsByIdOrAlias()
    {
        var python = LanguageRegistry.Default.Get("py").Info;
        var node = LanguageRegistry.Default.Get("node").Info;
        var defaults = new PoolOptions();

        Assert.Equal(1, defaults.ConcurrencyFor(python));
        Assert.Equal(defaults.DefaultConcurrency, defaults.ConcurrencyFor(node));
        Assert.Equal(4, new PoolOptions { ConcurrencyPerWorker = new() { ["python"] = 4 } }.ConcurrencyFor(python));
        Assert.Equal(8, new PoolOptions { ConcurrencyPerWorker = new() { ["py"] = 8 } }.ConcurrencyFor(python));
        Assert.Equal(2, new PoolOptions { ConcurrencyPerWorker = new() { ["node"] = 2 } }.ConcurrencyFor(node));
    }

    /// <summary>A language added by one registration, as Lua will be: an id, an extension, no installs.</summary>
    internal sealed class LuaLikeLanguage(string id = "lua") : ILanguage
    {
        public LanguageInfo Info { get; } = new(id, "Lua", [], [".lua"]);

        public RuntimeRequirement Runtime(WorkerOptions options) =>
            new("Lua", options.ExecutableFor(id, "lua5.4"), ["-v"], $"Faas:Workers:Executables:{id}", "apt-get install lua5.4", []);

        public IReadOnlyList<string> Detect(RootFiles root) => ScriptFiles.WithExtensions(root, Info.Extensions);

        public Task<IReadOnlyList<InstallStep>> PlanInstallsAsync(InstallContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<InstallStep>>([]);

        public Task<WorkerStart> LaunchAsync(LaunchContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new WorkerStart(new WorkerCommand(context.Runtime.Executable, [context.WorkerFile("lua", "worker.lua")])));

        public WorkerStart LimitMemory(WorkerStart start, int megabytes) => start.WithAddressSpaceLimit(megabytes);
    }
}
