using System.Text.Json;

namespace Omslite.Hub.ReferenceBooks.Api.Editing;

/// <summary>
/// The request body as JSON, read by hand so that a field sent as null can be told from one not sent, and so that a
/// malformed body gets the same Russian 400 as a wrong field (<see cref="RecordEditor"/>).
/// </summary>
public static class JsonBody
{
    /// <summary>The body's JSON; <c>default</c> (undefined) when the body is empty or not JSON.</summary>
    public static async Task<JsonElement> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
