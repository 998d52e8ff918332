using System.Globalization;
using System.Security.Cryptography;
using Omslite.Hub.Hosting;
using Omslite.Hub.Signing;

namespace Omslite.Hub.Registry;

/// <summary>
/// The signer of one pack run with the MO's key (the <c>sign</c> flag), or a <see cref="PackException"/> that says why
/// the pack cannot be signed — before any visit is read, so nothing is written or marked (D2.5).
/// </summary>
public sealed class PackSigners(PackSigningKeyStore keys, GostCms cms, OmsliteOptions options, TimeProvider clock)
{
    public async Task<OpenSslPackSigner> ForMoAsync(int moId, CancellationToken ct)
    {
        (PackSigningKeyMaterial Material, PackSigningKeyInfo Info)? key;
        try
        {
            key = await keys.MaterialAsync(moId, ct);
        }
        catch (CryptographicException)
        {
            throw new PackException(
                "Закрытый ключ подписи МО не расшифровывается: ключи шифрования хаба (каталог keys в каталоге данных) сменились — загрузите ключ подписи заново");
        }

        if (key is not { } found)
        {
            throw new PackException(
                "Ключ подписи МО не загружен: администратор загружает сертификат, закрытый ключ и цепочку УЦ в «Настройки → Ключ подписи»");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (found.Info.NotAfter < now)
        {
            throw new PackException($"Сертификат подписи МО истёк {Day(found.Info.NotAfter)}: загрузите действующий ключ подписи");
        }

        if (found.Info.NotBefore > now)
        {
            throw new PackException($"Сертификат подписи МО начинает действовать только {Day(found.Info.NotBefore)}");
        }

        return new OpenSslPackSigner(found.Material, cms, Path.Combine(options.DataDir, "tmp"));
    }

    private static string Day(DateTime utc) => utc.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
