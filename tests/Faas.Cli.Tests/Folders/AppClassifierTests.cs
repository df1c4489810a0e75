using Faas.Cli.Folders;
using Faas.Cli.Templates;

namespace Faas.Cli.Tests.Folders;

public sealed class AppClassifierTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("faas-classify-");

    [Theory]
    [InlineData("Dockerfile", "Server")]
    [InlineData("go.mod", "Server")]
    [InlineData("metacall.json", "Functions")]
    [InlineData("metacall-py.json", "Functions")]
    [InlineData("main.lua", "Functions")]
    [InlineData("package.json", "Server")]
    [InlineData("requirements.txt", "Server")]
    [InlineData("main.py", "Server")]
    public void Classify_OneFile_FollowsTheRule(string file, string kind)
    {
        File.WriteAllText(Path.Combine(folder.FullName, file), "");
        Assert.Equal(Enum.Parse<AppKind>(kind), AppClassifier.Classify(folder.FullName).Kind);
    }

    [Fact]
    public void Classify_DockerfileBesideMetacallJson_IsServer()
    {
        File.WriteAllText(Path.Combine(folder.FullName, "Dockerfile"), "");
        File.WriteAllText(Path.Combine(folder.FullName, "metacall.json"), "{}");
        Assert.Equal((AppKind.Server, "Dockerfile"), AppClassifier.Classify(folder.FullName));
    }

    [Theory]
    [InlineData("""{"kind":"functions"}""", "Functions")]
    [InlineData("""{"kind":"server"}""", "Server")]
    [InlineData("""{"server":false}""", "Functions")]
    [InlineData("""{"server":true}""", "Server")]
    public void Classify_FaasJsonKind_Wins(string faasJson, string kind)
    {
        File.WriteAllText(Path.Combine(folder.FullName, "go.mod"), "");
        File.WriteAllText(Path.Combine(folder.FullName, "main.lua"), "");
        File.WriteAllText(Path.Combine(folder.FullName, "faas.json"), faasJson);
        Assert.Equal((Enum.Parse<AppKind>(kind), "faas.json"), AppClassifier.Classify(folder.FullName));
    }

    [Fact]
    public void Classify_FaasJsonUnknownKind_IsAUsageError()
    {
        File.WriteAllText(Path.Combine(folder.FullName, "faas.json"), "{\"kind\":\"lambda\"}");
        Assert.Equal(ExitCode.Usage, Assert.Throws<CliException>(() => AppClassifier.Classify(folder.FullName)).Code);
    }

    [Theory]
    [InlineData("node", "Functions")]
    [InlineData("ts", "Functions")]
    [InlineData("python", "Functions")]
    [InlineData("ruby", "Functions")]
    [InlineData("lua", "Functions")]
    [InlineData("go", "Server")]
    public void Classify_Template_IsItsLanguagesKind(string language, string kind)
    {
        foreach (var (file, text) in AppTemplates.For(language, "hello"))
        {
            File.WriteAllText(Path.Combine(folder.FullName, file), text);
        }
        Assert.Equal(Enum.Parse<AppKind>(kind), AppClassifier.Classify(folder.FullName).Kind);
    }

    public void Dispose() => folder.Delete(recursive: true);
}
