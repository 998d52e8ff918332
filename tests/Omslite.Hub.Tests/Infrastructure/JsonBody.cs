using System.Net.Http.Json;
using System.Text.Json;

namespace Omslite.Hub.Tests.Infrastructure;

public static class JsonBody
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Asserts a refused task: 400, the envelope with done false and a message holding <paramref name="expected"/>.</summary>
    public static async Task AssertRefusedTaskAsync(this HttpResponseMessage response, string expected)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.False(body.GetProperty("done").GetBoolean());
        Assert.Contains(expected, body.GetProperty("message").GetString());
    }

    /// <summary>The messages of a 400 answer's field errors, keyed by field.</summary>
    public static async Task<ILookup<string, string>> FieldErrorsAsync(this HttpResponseMessage response)
    {
        var body = await response.JsonAsync();
        return body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
            ? errors.EnumerateArray().ToLookup(e => e.GetProperty("field").GetString()!, e => e.GetProperty("message").GetString()!)
            : Array.Empty<string>().ToLookup(_ => "", _ => "");
    }
}
