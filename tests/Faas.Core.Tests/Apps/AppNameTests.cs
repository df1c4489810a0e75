using Faas.Core.Apps;

namespace Faas.Core.Tests.Apps;

public sealed class AppNameTests
{
    [Theory]
    [InlineData("node-sum")]
    [InlineData("metacall-examples")]
    [InlineData("App_1.v2")]
    public void TryParse_ValidName_Accepted(string raw) => Assert.True(AppName.TryParse(raw, out _));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("../evil")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("/abs")]
    [InlineData("-rf")]
    [InlineData("with space")]
    [InlineData("nul\0")]
    public void TryParse_UnsafeName_Refused(string raw) => Assert.False(AppName.TryParse(raw, out _));

    [Fact]
    public void Parse_TooLong_ThrowsBadRequest()
    {
        var error = Assert.Throws<InvalidAppNameException>(() => AppName.Parse(new string('a', AppName.MaxLength + 1)));
        Assert.Equal(FaasError.BadRequest, error.Error);
    }
}
