using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Runtime.Tests;

/// <summary>
/// Which text values esc explain, esc sim and the engine warn of as probable misspellings of a value
/// the policy's conditions compare the field with.
/// </summary>
public sealed class ComparedTextsTests
{
    private static readonly CompiledPolicy Policy = CompiledPolicy.Compile(SemanticModel.Create("t.esc", """
        policy "t" version 1
        owners {
            team desk "Desk" reports to lead
            role lead "Lead"
        }
        fields {
            region text
            tier   text
            note   text
        }
        severity p1 { acknowledge within 1h }
        escalation r for p1 when region == eu1 or tier in [gold, silver] {
            owner desk
            after 10m: escalate to route(region)
        }
        route region {
            eu1 -> desk
            eu2 -> lead
            default -> desk
        }
        pause sla while status == awaiting_customer
        """));

    private static readonly ComparedTexts Compared = Policy.ComparedTexts;

    private static readonly TicketEvent Status = new()
    {
        TicketId = "T1",
        At = Instant.FromUtc(2026, 11, 2, 14, 0),
        Kind = TicketEventKind.Status,
        Status = "in_progress",
        Fields = [KeyValuePair.Create("note", "awaiting customer"), KeyValuePair.Create("tier", "gold")],
    };

    [Theory]
    [InlineData("status", "awaiting customer", "awaiting_customer")]
    [InlineData("status", "Awaiting_Customer", "awaiting_customer")]
    [InlineData("status", "awaiting_custmer", "awaiting_customer")]   // a letter left out
    [InlineData("status", "awaiting_customers", "awaiting_customer")] // one too many
    [InlineData("status", "awaitign_customer", "awaiting_customer")]  // two neighbours swapped
    [InlineData("tier", "silvre", "silver")]                          // two neighbours swapped at the end
    [InlineData("tier", "GOLD", "gold")]
    [InlineData("region", "EU1", "eu1")]                              // a short code: letter case only
    public void AValueOneLetterOffANamedOneIsAProbableMisspelling(string field, string value, string meant) =>
        Compared.Misspelt(field, value).ShouldBe([meant]);

    [Theory]
    [InlineData("status", "awaiting_customer")]    // named
    [InlineData("region", "eu2")]                  // routed: a value the policy knows
    [InlineData("region", "eu3")]                  // one digit off eu1: another region, not a typo
    [InlineData("region", "eu")]                   // the digit left out: another value (l beside l2)
    [InlineData("region", "eu11")]                 // a digit more: another value (l21 beside l2)
    [InlineData("region", "ex1")]                  // one letter off a code of three characters: another code
    [InlineData("tier", "glod")]                   // against a value of four characters, letter case only
    [InlineData("status", "awaiting_customer1")]   // a digit more on a long value too
    [InlineData("region", "e1u")]                  // a swap that moves a digit
    [InlineData("tier", "bronze")]                 // far from every named value
    [InlineData("status", "waiting for customer")] // more than one letter off
    [InlineData("status", "awaiting_cutsomer_")]   // a swap and a letter more
    [InlineData("impact", "x")]                    // a field no condition compares
    public void OtherValuesAreNotWarnedOf(string field, string value) =>
        Compared.Misspelt(field, value).ShouldBeEmpty();

    [Theory]
    [InlineData("area", "databse", "database")]
    [InlineData("area", "Network", "network")]
    [InlineData("customer", "globexx", "globex")]
    public void AValueOneLetterOffOneOnlyARouteOrCalendarByListsIsAProbableMisspelling(string field, string value, string meant)
    {
        // A route or `calendar by` maps the value: one letter off it, the ticket silently takes the route's default owner
        // or the default calendar. Before, such values were known but never suggested, so nothing was said.
        var policy = CompiledPolicy.Compile(SemanticModel.Create("m.esc", """
            policy "m" version 1
            calendar amer "America/Chicago" default { hours mon..fri 08:00-18:00 }
            calendar emea "Europe/Amsterdam" { hours mon..fri 09:00-17:00 }
            calendar by customer {
                globex, initech -> emea
            }
            owners {
                team desk     "Desk"
                team database "Database"
                team network  "Network"
            }
            fields {
                area     text
                customer text
            }
            severity p1 { acknowledge within 4 business hours }
            escalation r for p1 {
                owner desk
                after 10m: escalate to route(area)
            }
            route area {
                database -> database
                network  -> network
                default  -> desk
            }
            """));

        policy.ComparedTexts.Misspelt(field, value).ShouldBe([meant]);
        policy.ComparedTexts.Misspelt(field, meant).ShouldBeEmpty();
    }

    /// <summary>Values made of codes (<c>us-east-1a</c>, <c>fr-ca</c>), short words, and longer ones.</summary>
    private static readonly ComparedTexts Codes = CompiledPolicy.Compile(SemanticModel.Create("c.esc", """
        policy "c" version 1
        owners {
            team desk "Desk"
        }
        fields {
            zone    text
            region  text
            locale  text
            country text
            cause   text
            level   text
        }
        severity p1 { acknowledge within 1h }
        escalation r for p1 when zone == "us-east-1a" or region == "us-east-1" or locale == "fr-ca" or country in [iraq, peru, spain] {
            owner desk
        }
        escalation n for p1 when cause == network_outage or level == SEV1 {
            owner desk
        }
        pause sla while status in [awaiting_customer, resolved]
        """)).ComparedTexts;

    [Theory]
    [InlineData("zone", "us-east-1b")]     // a code of one letter replaced: another zone
    [InlineData("locale", "fr-ch")]        // a letter of a code of two replaced: another locale
    [InlineData("country", "iran")]        // against a value of four characters, letter case only
    [InlineData("country", "pero")]
    [InlineData("zone", "us-east-1")]      // the code left out: the region, not its zone
    [InlineData("region", "us-east-1a")]   // a code added: a zone of the region
    [InlineData("zone", "us-east-1aa")]    // a letter more in the code
    [InlineData("zone", "us-east-1ab")]
    [InlineData("zone", "ud-east-1a")]     // the `us` of us-east-1a is a code too
    [InlineData("locale", "fr-cax")]       // a letter right after a code lengthens it
    [InlineData("locale", "fr-xca")]       // ... or right before it
    [InlineData("locale", "fr-c")]         // a letter of a code left out
    [InlineData("locale", "fr-c-a")]       // a character between two letters of a code
    [InlineData("locale", "fr-ac")]        // a code's letters swapped
    [InlineData("locale", "frc-a")]        // a code's letter swapped with its neighbour
    [InlineData("locale", "frca")]         // two codes run into one
    [InlineData("locale", "frxca")]
    public void AnEditTouchingARunOfOneOrTwoLettersMakesAnotherValue(string field, string value) =>
        Codes.Misspelt(field, value).ShouldBeEmpty();

    [Theory]
    [InlineData("zone", "us-east-1A", "us-east-1a")]                  // letter case only
    [InlineData("locale", "FR-CA", "fr-ca")]
    [InlineData("country", "IRAQ", "iraq")]
    [InlineData("level", "Sev1", "SEV1")]
    [InlineData("zone", "us_east-1a", "us-east-1a")]                  // a separator beside a code, not a letter
    [InlineData("zone", "us-eats-1a", "us-east-1a")]                  // in a longer run of letters
    [InlineData("zone", "us-eastt-1a", "us-east-1a")]
    [InlineData("locale", "fr-ca ", "fr-ca")]                         // a space after a code
    [InlineData("country", "spian", "spain")]                         // a value of five characters
    [InlineData("status", "awaiting customer", "awaiting_customer")]
    [InlineData("status", "resolvd", "resolved")]
    [InlineData("cause", "netwrok_outage", "network_outage")]
    public void ASlipOutsideEveryShortRunOfLettersIsStillWarnedOf(string field, string value, string meant) =>
        Codes.Misspelt(field, value).ShouldBe([meant]);

    [Fact]
    public void EveryPlaceAConditionIsWrittenGivesItsComparedValues()
    {
        var policy = CompiledPolicy.Compile(SemanticModel.Create("w.esc", """
            policy "w" version 1
            owners {
                team desk "Desk" reports to lead
                role lead "Lead"
            }
            fields {
                squad   text
                phase   text
                zone    text
                stage   text
                cadence text
                extra   text
            }
            severity p1 {
                acknowledge within 1h
                update every 30m until cadence == done
            }
            escalation r for p1 {
                owner desk
                every 10m while stage == triage up to 2 times: remind owner
                after 20m unless zone != emea: escalate to next
            }
            require extra before escalate when squad == network
            page only when phase != calm
            deescalate when phase == calmed {
                stop paging
            }
            """));

        foreach (var (field, meant) in new[] { ("cadence", "done"), ("stage", "triage"), ("zone", "emea"), ("squad", "network"), ("phase", "calm"), ("phase", "calmed") })
        {
            policy.ComparedTexts.Misspelt(field, meant.ToUpperInvariant()).ShouldContain(meant, $"{field} == {meant}");
        }
    }

    [Theory]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(90)]
    public void LongValuesAreComparedAsShortOnesAre(int length)
    {
        // Lengths from 63 on share one bit of the quick length check; the check must not hide them.
        var meant = new string('a', length - 1) + "z";
        var policy = CompiledPolicy.Compile(SemanticModel.Create("l.esc", $$"""
            policy "l" version 1
            owners {
                team desk "Desk"
            }
            severity p1 { acknowledge within 1h }
            pause sla while status == {{meant}}
            """));

        policy.ComparedTexts.Misspelt("status", meant[..^1]).ShouldBe([meant]);
        policy.ComparedTexts.Misspelt("status", meant + "z").ShouldBe([meant]);
        policy.ComparedTexts.Misspelt("status", meant.ToUpperInvariant()).ShouldBe([meant]);
        policy.ComparedTexts.Misspelt("status", meant + "zz").ShouldBeEmpty();
    }

    [Fact]
    public void AnEventsMisspeltValuesAreNamedByTheMemberThatHoldsThem()
    {
        var misspelt = Compared.Of(Status with { Status = "Awaiting_customer", Fields = [KeyValuePair.Create("tier", "slver"), KeyValuePair.Create("note", "x")] });

        misspelt.ShouldNotBeNull();
        misspelt.Select(m => (m.Field, m.Member, m.Value)).ShouldBe([("status", "status", "Awaiting_customer"), ("tier", "fields.tier", "slver")]);
        misspelt[1].Message("t").ShouldBe("tier 'slver' is none of the values policy t names for tier, and a text value is taken as written; did you mean silver?");
    }

    [Fact]
    public void AValueOfAFieldNoConditionComparesIsNotChecked() =>
        Compared.Of(Status).ShouldBeNull("note is not compared, tier is gold and in_progress is far from awaiting_customer");

    [Fact]
    public void AnEventWithoutMisspeltValuesCostsNoAllocation()
    {
        Compared.Of(Status);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Compared.Of(Status);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}
