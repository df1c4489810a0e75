using Faas.Core.Repositories;
using Xunit;

namespace Faas.Core.Tests.Repositories;

// Pure parsing: no git runs here, so network-looking URLs are fine.
public sealed class RepositoryUrlTests
{
    [Theory]
    [InlineData("https://github.com/metacall/Examples.git", "metacall-examples")]
    [InlineData("https://github.com/metacall/Examples", "metacall-examples")]
    [InlineData("https://github.com/metacall/Examples/", "metacall-examples")]
    [InlineData("http://gitlab.example.com/group/Sub/My_Repo.git", "sub-my_repo")]
    [InlineData("git://example.com/a/b.c.git", "a-b.c")]
    [InlineData("ssh://git@github.com:22/Owner/Repo.git", "owner-repo")]
    [InlineData("git@github.com:metacall/faas.git", "metacall-faas")]
    [InlineData("https://user:token@github.com/o/r", "o-r")]
    public void Parse_RemoteUrl_DerivesAppId(string raw, string appId)
    {
        var url = RepositoryUrl.Parse(raw, allowLocal: false);

        Assert.Equal(appId, url.AppId.Value);
        Assert.Equal(raw, url.Value);
        Assert.False(url.IsLocal);
    }

    [Fact]
    public void Parse_UpperCaseScheme_IsNormalized()
    {
        var url = RepositoryUrl.Parse("HTTPS://github.com/A/B", allowLocal: false);

        Assert.Equal("https://github.com/A/B", url.Value);
        Assert.Equal("a-b", url.AppId.Value);
    }

    [Fact]
    public void Parse_LocalPathAllowed_IsAbsoluteAndLocal()
    {
        var url = RepositoryUrl.Parse("/tmp/x/Owner/Repo", allowLocal: true);

        Assert.True(url.IsLocal);
        Assert.Equal("/tmp/x/Owner/Repo", url.Value);
        Assert.Equal("owner-repo", url.AppId.Value);
    }

    [Fact]
    public void Parse_RelativePathAllowed_BecomesAbsolute()
    {
        var url = RepositoryUrl.Parse("owner/repo.git", allowLocal: true);

        Assert.Equal(Path.GetFullPath("owner/repo.git"), url.Value);
        Assert.Equal("owner-repo", url.AppId.Value);
    }

    [Fact]
    public void Parse_FileUrlAllowed_IsLocal()
    {
        var url = RepositoryUrl.Parse("file:///tmp/x/owner/repo.git", allowLocal: true);

        Assert.True(url.IsLocal);
        Assert.Equal("owner-repo", url.AppId.Value);
    }

    [Theory]
    [InlineData("/tmp/x/owner/repo")]
    [InlineData("./owner/repo")]
    [InlineData("../owner/repo")]
    [InlineData("owner/repo")]
    [InlineData("file:///etc")]
    [InlineData("file:///tmp/x/owner/repo")]
    public void Parse_LocalNotAllowed_Throws(string raw)
    {
        var e = Assert.Throws<RepositoryUrlException>(() => RepositoryUrl.Parse(raw, allowLocal: false));

        Assert.Contains("not allowed", e.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("ext::sh -c touch% /tmp/pwned")]
    [InlineData("ext::sh")]
    [InlineData("fd::17")]
    [InlineData("fd::17/foo")]
    [InlineData("transport::https://github.com/a/b")]
    [InlineData("--upload-pack=touch /tmp/x")]
    [InlineData("--upload-pack=touch")]
    [InlineData("-oProxyCommand=touch")]
    [InlineData("ssh://-oProxyCommand=touch/a/b")]
    [InlineData("git@-oProxyCommand=x:a/b")]
    [InlineData("git@github.com:-oProxyCommand/b")]
    [InlineData("https://github.com/a/b\n--upload-pack=x")]
    [InlineData("https://github.com/a/b\r")]
    [InlineData("https://github.com/a/b\t")]
    [InlineData("https://github.com/a/b\0")]
    [InlineData("https://github.com/a/b%0a")]
    [InlineData("https://github.com/a/b%0D")]
    [InlineData("https://github.com/a/b c")]
    [InlineData("https://github.com/a/bé")]
    [InlineData("https://github.com/a/b\u202e")]
    [InlineData("ftp://example.com/a/b.git")]
    [InlineData("javascript://example.com/a/b")]
    [InlineData("https://github.com/onlyone")]
    [InlineData("https://github.com/")]
    [InlineData("https:///a/b")]
    [InlineData("https://github.com/a/b?x=1")]
    [InlineData("https://github.com/a/b#frag")]
    [InlineData("https://github.com/a/b%20c")]
    [InlineData("https://github.com/a/.git")]
    [InlineData("git@github.com:repo.git")]
    public void Parse_HostileOrMalformed_Throws(string? raw)
    {
        var remote = Assert.Throws<RepositoryUrlException>(() => RepositoryUrl.Parse(raw, allowLocal: false));
        Assert.StartsWith("Invalid repository URL: ", remote.Message);
        Assert.Equal(FaasError.BadRequest, remote.Error);

        // Allowing local repositories must not open any of these either.
        Assert.Throws<RepositoryUrlException>(() => RepositoryUrl.Parse(raw, allowLocal: true));
    }

    [Fact]
    public void Parse_ExtTransport_ThrowsNamingTransport()
    {
        var e = Assert.Throws<RepositoryUrlException>(() => RepositoryUrl.Parse("ext::sh -c touch% /tmp/pwned", allowLocal: true));

        Assert.Equal("Invalid repository URL: the 'ext::' transport is not allowed.", e.Message);
    }

    [Theory]
    [InlineData("--upload-pack=touch /tmp/x")]
    [InlineData("-oProxyCommand=touch /tmp/x")]
    public void Parse_LeadingDash_ThrowsAsOption(string raw)
    {
        var e = Assert.Throws<RepositoryUrlException>(() => RepositoryUrl.Parse(raw, allowLocal: true));

        Assert.Contains("must not start with '-'", e.Message);
    }

    [Fact]
    public void Parse_TooLong_Throws()
    {
        var raw = "https://github.com/a/" + new string('b', RepositoryUrl.MaxLength);

        var e = Assert.Throws<RepositoryUrlException>(() => RepositoryUrl.Parse(raw, allowLocal: false));

        Assert.Contains("longer than", e.Message);
    }

    [Fact]
    public void Parse_AppIdTooLong_Throws()
    {
        var raw = "https://github.com/a/" + new string('b', 200);

        var e = Assert.Throws<RepositoryUrlException>(() => RepositoryUrl.Parse(raw, allowLocal: false));

        Assert.Contains("not a valid app name", e.Message);
    }

    [Fact]
    public void ToString_Credentials_AreMasked()
    {
        var url = RepositoryUrl.Parse("https://user:secret@github.com/o/r.git", allowLocal: false);

        Assert.Equal("https://***@github.com/o/r.git", url.ToString());
        Assert.Contains("secret", url.Value);
    }
}
