using System.Text;
using Faas.Core.Calls;

namespace Faas.Core.Tests.Calls;

public sealed class ArgumentBinderTests
{
    private static readonly string[] SumParameters = ["a", "b"];

    private static (string Json, bool ByName) Bind(string? body, string? contentType = "application/json", string[]? parameters = null)
    {
        var arguments = ArgumentBinder.Bind(Encoding.UTF8.GetBytes(body ?? ""), contentType, parameters ?? SumParameters);
        return (Encoding.UTF8.GetString(arguments.Json.Span), arguments.ByName);
    }

    [Fact]
    public void Bind_NoBody_NoArguments() => Assert.Equal(("[]", false), Bind(null));

    [Fact]
    public void Bind_Array_PassesBodyUnchanged() => Assert.Equal(("[1, \"x\", {\"k\":null}]", false), Bind("[1, \"x\", {\"k\":null}]"));

    [Fact]
    public void Bind_ObjectWithParameterNames_BindsByName() => Assert.Equal(("{\"b\":5,\"a\":1}", true), Bind("{\"b\":5,\"a\":1}"));

    [Fact]
    public void Bind_ObjectWithOtherKeys_PositionalInJavaScriptKeyOrder() =>
        Assert.Equal(("[\"b\",\"c\",\"a\",\"d\"]", false), Bind("{\"x\":\"a\",\"2\":\"c\",\"1\":\"b\",\"y\":\"d\"}"));

    [Fact]
    public void Bind_LeadingZeroKey_IsNotAnArrayIndex() =>
        Assert.Equal(("[2,1]", false), Bind("{\"01\":1,\"1\":2}"));

    [Fact]
    public void Bind_UrlEncodedForm_StringValues() => Assert.Equal(("{\"a\":\"1\",\"b\":\"x y\"}", true), Bind("a=1&b=x+y", "application/x-www-form-urlencoded"));

    [Fact]
    public void Bind_JsonSentAsForm_ReadAsJson() => Assert.Equal(("[1,2]", false), Bind("[1,2]", "application/x-www-form-urlencoded"));

    [Fact]
    public void Bind_InvalidJsonSentAsForm_ThrowsBadRequest() =>
        Assert.Equal(FaasError.BadRequest, Assert.Throws<FaasException>(() => Bind("[1,", "application/x-www-form-urlencoded")).Error);

    [Fact]
    public void Bind_ScalarBody_OneArgument() => Assert.Equal(("[42]", false), Bind("42"));

    [Fact]
    public void Bind_EmptyObject_NoArguments() => Assert.Equal(("[]", false), Bind("{}"));

    [Fact]
    public void Bind_InvalidJson_ThrowsBadRequest()
    {
        var error = Assert.Throws<FaasException>(() => Bind("[1,"));
        Assert.Equal(FaasError.BadRequest, error.Error);
        Assert.Contains("not valid JSON", error.Message);
    }
}
