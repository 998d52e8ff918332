using Omslite.Hub.Api;
using Omslite.Hub.Security;

namespace Omslite.Hub.Signing;

/// <summary>
/// <c>/api/mo/signing-key</c>: the MO's key for signing packs. Everybody of the MO sees whether there is one and its
/// certificate's public facts (the pack form offers "Подписать ЭЦП" then); admins upload the three files
/// (multipart: <c>crt</c>, <c>key</c>, <c>ca</c>) and remove the key. The key itself is never returned.
/// </summary>
public static class PackSigningKeyEndpoints
{
    public static void MapPackSigningKey(this RouteGroupBuilder api)
    {
        var key = api.MapGroup("/mo/signing-key").RequireMo();
        key.MapGet("/", GetAsync);
        key.MapPut("/", UploadAsync).RequireAuthorization(Policies.Admin).DisableAntiforgery();
        key.MapDelete("/", RemoveAsync).RequireAuthorization(Policies.Admin);
    }

    private static async Task<IResult> GetAsync(CurrentUser user, PackSigningKeyStore store, CancellationToken ct) =>
        await store.InfoAsync(user.Mo, ct) is { } info ? Results.Ok(info) : Results.Ok(new { configured = false });

    private static async Task<IResult> UploadAsync(
        HttpRequest request, CurrentUser user, PackSigningKeyStore store, ILogger<PackSigningKeyStore> log, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return ApiError.Invalid("crt", "Загрузите три файла формой: сертификат (crt), закрытый ключ (key) и цепочку УЦ (ca)");
        }

        var form = await request.ReadFormAsync(ct);
        var upload = new PackSigningKeyUpload(
            await ReadAsync(form.Files["crt"], ct), await ReadAsync(form.Files["key"], ct), await ReadAsync(form.Files["ca"], ct));
        var saved = await store.SaveAsync(user.Mo, user.Login, upload, ct);
        switch (saved)
        {
            case SaveResult<PackSigningKeyInfo>.Saved s:
                log.LogInformation("Signing key of MO {Mo} uploaded by {User}: {Fingerprint}, valid to {NotAfter:yyyy-MM-dd}, chain verified {Chain}",
                    user.MoCode, user.Login, s.Value.Fingerprint, s.Value.NotAfter, s.Value.ChainVerified);
                break;
            case SaveResult<PackSigningKeyInfo>.Invalid i:
                log.LogWarning("Signing key upload for MO {Mo} by {User} refused: {Reasons}",
                    user.MoCode, user.Login, string.Join("; ", i.Errors.Select(e => $"{e.Field}: {e.Message}")));
                break;
        }

        return saved.ToHttp(Results.Ok);
    }

    private static async Task<IResult> RemoveAsync(CurrentUser user, PackSigningKeyStore store, CancellationToken ct) =>
        await store.RemoveAsync(user.Mo, user.Login, ct) ? Results.NoContent() : ApiError.NotFound("Ключ подписи МО не загружен");

    /// <summary>The file's bytes, at most one byte over the limit (enough for the check to refuse it).</summary>
    private static async Task<byte[]?> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null)
        {
            return null;
        }

        var bytes = new byte[Math.Min(file.Length, PackSigningKeyCheck.MaxFileBytes + 1)];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(bytes, ct);
        return bytes;
    }
}
