using System.Data;
using Dapper;

namespace Omslite.Hub.WorkingDatabase;

/// <summary>
/// Dapper's process-wide settings, applied once at start by every entry point: snake_case columns map to PascalCase
/// properties, and DateOnly travels as a PostgreSQL date.
/// </summary>
public static class DapperSetup
{
    private static readonly Lazy<bool> Applied = new(() =>
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        return true;
    });

    public static void Apply() => _ = Applied.Value;

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value;
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            _ => throw new InvalidCastException($"cannot read {value.GetType().Name} as a date"),
        };
    }
}
