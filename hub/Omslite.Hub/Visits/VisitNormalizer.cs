using Omslite.Hub.Patients;

using static Omslite.Hub.Api.TextInput;

namespace Omslite.Hub.Visits;

/// <summary>What the visit form does before and after its rules (ui.md §3.5.4–3.5.5).</summary>
public static class VisitNormalizer
{
    /// <summary>Trims, upper-cases diagnoses, derives the visit's own policy type.</summary>
    public static VisitFields Normalize(VisitFields v)
    {
        var policySeries = Clean(v.PolicySeries);
        var policyNumber = Clean(v.PolicyNumber);
        return v with
        {
            Ds1 = Clean(v.Ds1)?.ToUpperInvariant(),
            Ds2 = Clean(v.Ds2)?.ToUpperInvariant(),
            NprMo = Clean(v.NprMo),
            NprNumber = Clean(v.NprNumber),
            HospMo = Clean(v.HospMo),
            HospNumber = Clean(v.HospNumber),
            PolicySeries = policySeries,
            PolicyNumber = policyNumber,
            PolicyType = policyNumber is null ? null : PolicyKind.Of(policySeries, policyNumber),
            Smo = Clean(v.Smo),
            SmoOkato = Clean(v.SmoOkato),
            DType = Clean(v.DType),
            Ksg = Clean(v.Ksg),
            Ksk = Clean(v.Ksk),
            Sh = Clean(v.Sh),
        };
    }

    /// <summary>
    /// After the rules pass: USL_OK from the visit counts, and the referral date: empty or later than the open date
    /// (consultation) or the close date (hospitalisation) becomes that date.
    /// </summary>
    public static VisitFields Complete(VisitFields v)
    {
        var nprDate = v.NprDate;
        if (v.NprNumber is not null && (nprDate is null || nprDate > v.OpenDate))
        {
            nprDate = v.OpenDate;
        }
        else if (v.HospNumber is not null && (nprDate is null || nprDate > v.CloseDate))
        {
            nprDate = v.CloseDate;
        }

        return v with
        {
            NprDate = nprDate,
            UslOk = v.VisitPol + v.VisitHome > 0 ? 3 : 2,
        };
    }
}
