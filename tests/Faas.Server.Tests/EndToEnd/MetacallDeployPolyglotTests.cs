namespace Faas.Server.Tests.EndToEnd;

/// <summary>A mixed Node.js + Python + Ruby app deployed with the real metacall-deploy CLI.</summary>
public sealed class MetacallDeployPolyglotTests
{
    [Fact]
    public async Task MetacallDeploy_PolyglotFolder_EveryLanguageAnswersAndInspectListsEach()
    {
        await using var e2e = await E2eWorkspace.StartAsync();
        var folder = e2e.CopySample("polyglot");

        var deploy = await e2e.RunCliAsync("", "--dev", "--workdir", folder, "--projectName", "e2e-polyglot");

        e2e.AssertCliSucceeded(deploy, "Repository deployed");
        await e2e.AssertCallAsync("e2e-polyglot", "upper", "[\"abc\"]", "\"ABC\"", deploy);
        await e2e.AssertCallAsync("e2e-polyglot", "mean", "[[1,2,3]]", "2.0", deploy);
        await e2e.AssertCallAsync("e2e-polyglot", "reverse_words", "[\"a b c\"]", "\"c b a\"", deploy);
        var inspect = await e2e.RunCliAsync("", "--dev", "--inspect", "Raw");
        e2e.AssertCliSucceeded(inspect, "\"node\"", "\"py\"", "\"rb\"", "strings.js", "stats.py", "words.rb");
    }
}
