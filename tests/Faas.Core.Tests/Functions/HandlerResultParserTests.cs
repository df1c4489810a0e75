using System.Text;
using Faas.Core.Functions;

namespace Faas.Core.Tests.Functions;

public sealed class HandlerResultParserTests
{
    private static HandlerResponse Parse(string json) => HandlerResultParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_Empty_200TextNoBody()
    {
        var response = Parse("{}");

        Assert.Equal((200, HandlerResultParser.TextType, 0), (response.StatusCode, response.ContentType, response.Body.Length));
    }

    [Fact]
    public void Parse_ObjectBody_JsonUnlessContentTypeSet()
    {
        var json = Parse("""{"statusCode":201,"body":{"a":[1,2]}}""");
        var typed = Parse("""{"headers":{"content-type":"application/vnd.x+json","X-A":1},"body":{"a":1}}""");

        Assert.Equal((201, "application/json", """{"a":[1,2]}"""), (json.StatusCode, json.ContentType, Encoding.UTF8.GetString(json.Body.Span)));
        Assert.Equal("application/vnd.x+json", typed.ContentType);
        Assert.Equal([new KeyValuePair<string, string>("X-A", "1")], typed.Headers);
    }

    [Fact]
    public void Parse_Base64Body_Decoded()
    {
        var response = Parse("""{"statusCode":"202","isBase64Encoded":true,"body":"AAEC/w=="}""");

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, response.Body.ToArray());
        Assert.Equal(HandlerResultParser.BinaryType, response.ContentType);
    }

    [Fact]
    public void Parse_ArrayHeader_OneHeaderPerValue()
    {
        var response = Parse("""{"headers":{"Set-Cookie":["a=1","b=2"],"Content-Length":"99"}}""");

        Assert.Equal(["a=1", "b=2"], response.Headers.Where(h => h.Key == "Set-Cookie").Select(h => h.Value));
        Assert.DoesNotContain(response.Headers, h => h.Key == "Content-Length");
    }

    [Theory]
    [InlineData("42", "the number 42")]
    [InlineData("\"hi\"", "the string \"hi\"")]
    [InlineData("[1]", "an array")]
    [InlineData("""{"statusCode":99}""", "statusCode")]
    [InlineData("""{"statusCode":"abc"}""", "statusCode")]
    [InlineData("""{"statusCode":700}""", "statusCode")]
    [InlineData("""{"headers":[1]}""", "headers must be an object")]
    [InlineData("""{"headers":{"X":"a\nb"}}""", "line break")]
    [InlineData("""{"headers":{"Bad Name":"x"}}""", "not a valid header name")]
    [InlineData("""{"isBase64Encoded":true,"body":"***"}""", "base64")]
    [InlineData("""{"isBase64Encoded":"yes"}""", "isBase64Encoded")]
    public void Parse_BadReturnValue_Throws(string json, string expected)
    {
        var error = Assert.Throws<HandlerResultException>(() => Parse(json));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Parse_Nothing_Throws() =>
        Assert.Throws<HandlerResultException>(() => HandlerResultParser.Parse([]));
}
