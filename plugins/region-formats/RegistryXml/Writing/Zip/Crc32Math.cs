namespace Omslite.RegionFormats.RegistryXml.Writing.Zip;

/// <summary>
/// The CRC-32 of the zip format (polynomial 0xEDB88320) of two byte runs joined, from the CRC of each and the length of
/// the second: a file's parts are compressed and checksummed on different threads, before the file's header (which
/// comes first) is known. Arithmetic on polynomials over GF(2) modulo the CRC polynomial, as zlib's crc32_combine.
/// </summary>
internal static class Crc32Math
{
    private const uint Polynomial = 0xEDB88320;

    /// <summary>x^(2^k) modulo the polynomial, k = 0..31.</summary>
    private static readonly uint[] PowersOfTwo = BuildPowers();

    /// <summary>The CRC of <c>A</c> followed by <c>B</c>: <paramref name="crcB"/> is the CRC of B, <paramref name="lengthB"/>
    /// its length in bytes.</summary>
    public static uint Combine(uint crcA, uint crcB, long lengthB) =>
        lengthB <= 0 ? crcA : Multiply(ShiftFactor(lengthB), crcA) ^ crcB;

    /// <summary>x^(8·n) modulo the polynomial: the factor that moves a CRC past n zero bytes.</summary>
    private static uint ShiftFactor(long bytes)
    {
        var power = 1u << 31; // the polynomial 1
        var k = 3; // 8 = 2^3 bits per byte
        for (var n = bytes; n != 0; n >>= 1, k++)
        {
            if ((n & 1) != 0)
            {
                power = Multiply(PowersOfTwo[k & 31], power);
            }
        }

        return power;
    }

    /// <summary>a·b modulo the polynomial, in the reflected bit order of the CRC.</summary>
    private static uint Multiply(uint a, uint b)
    {
        var product = 0u;
        for (var m = 1u << 31; m != 0; m >>= 1)
        {
            if ((a & m) != 0)
            {
                product ^= b;
            }

            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }

        return product;
    }

    private static uint[] BuildPowers()
    {
        var powers = new uint[32];
        var p = 1u << 30; // x^1
        for (var k = 0; k < powers.Length; k++)
        {
            powers[k] = p;
            p = Multiply(p, p);
        }

        return powers;
    }
}
