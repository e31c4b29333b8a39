"""Where used: embed and API requests that say where they are shown are counted per day
per page and channel; the impact of a change is told before it is saved."""

from __future__ import annotations

from directory.factories import make_topic

from serviceguiden.publishing import usage
from serviceguiden.publishing.models import FUNCTION, TOPIC, Consumer, Usage
from serviceguiden.publishing.publish import publish_all


def test_requests_are_counted_per_page_and_channel(published, client):
    Consumer.objects.create(name="Intranätet", key="intranat")
    page = "https://goteborg.se/bygga/altan?utm_source=x#kontakt"
    for _ in range(3):
        client.get("/embed/topics/bygga-altan", HTTP_REFERER=page)
    client.get("/api/v1/topics/bygga-altan", HTTP_X_SERVICEGUIDEN_CHANNEL="intranat",
               HTTP_REFERER="https://intranat.goteborg.se/bygg")  # fmt: skip
    client.get("/embed/topics/bygga-altan?channel=okand&page=https://partner.example/a")
    client.get("/embed/topics/bygga-altan")  # says nothing about where: not counted
    client.get("/embed/functions/bygglov?channel=intranat")  # a key without a page
    assert Usage.objects.count() == 0  # buffered until a flush
    usage.flush()
    rows = {(u.kind, u.slug, u.page, u.channel): u.hits for u in Usage.objects.all()}
    assert rows == {
        (TOPIC, "bygga-altan", "https://goteborg.se/bygga/altan", "https://goteborg.se"): 3,
        (TOPIC, "bygga-altan", "https://intranat.goteborg.se/bygg", "intranat"): 1,
        (TOPIC, "bygga-altan", "https://partner.example/a", "https://partner.example"): 1,
        (FUNCTION, "bygglov", "", "intranat"): 1,
    }  # fmt: skip
    client.get("/embed/topics/bygga-altan", HTTP_REFERER=page)
    usage.flush()
    assert Usage.objects.get(page="https://goteborg.se/bygga/altan").hits == 4


def test_counts_are_written_at_most_every_flush_interval(published, client, settings):
    settings.SERVICEGUIDEN_USAGE_FLUSH_SECONDS = 0
    client.get("/embed/topics/bygga-altan", HTTP_REFERER="https://goteborg.se/a")
    assert Usage.objects.get().hits == 1


def test_where_used_lists_pages_busiest_first(published, client):
    for page, times in [("https://goteborg.se/a", 1), ("https://goteborg.se/b", 3)]:
        for _ in range(times):
            client.get("/embed/topics/bygga-altan", HTTP_REFERER=page)
    usage.flush()
    places = usage.where_used(TOPIC, "bygga-altan")
    assert [(p.page, p.hits) for p in places] == [
        ("https://goteborg.se/b", 3), ("https://goteborg.se/a", 1),
    ]  # fmt: skip
    assert usage.where_used(TOPIC, "annat") == []


def test_impact_of_a_change_before_it_is_saved(published, bygglov_topic, client):
    Consumer.objects.create(name="Appen", key="appen")
    publish_all()
    shown = [
        ("/embed/topics/bygga-altan", {"HTTP_REFERER": "https://goteborg.se/altan"}),
        ("/embed/topics/bygga-altan", {"HTTP_REFERER": "https://goteborg.se/uteplats"}),
        ("/embed/topics/ansoka-om-bygglov", {"HTTP_REFERER": "https://goteborg.se/bygglov"}),
        ("/api/v1/topics/ansoka-om-bygglov?page=https://app.goteborg.se/bygglov&channel=appen", {}),
        ("/embed/topics/annat-arende", {"HTTP_REFERER": "https://goteborg.se/x"}),  # 404
    ]
    for url, headers in shown:
        client.get(url, **headers)
    usage.flush()
    impact = usage.impact([published.function_a])
    assert (impact.topics, impact.pages, impact.channels) == (2, 4, 2)
    assert impact.message("sv") == "påverkar 2 ärenden som visas på 4 sidor i 2 kanaler"
    assert impact.message("en") == "affects 2 topics shown on 4 pages in 2 channels"
    assert usage.impact([published.function_b]).message() == (
        "påverkar 0 ärenden som visas på 0 sidor i 0 kanaler"
    )


def test_impact_of_the_contact_center_counts_the_topics_that_show_it(published):
    make_topic(
        published.root, published.org_b, "miljo-fraga", "Fråga om miljö",
        function=published.function_b, contact_center_first=True,
    )  # fmt: skip
    publish_all()
    impact = usage.impact([published.center_function])
    assert impact.topics == 1  # bygga-altan shows its own function, not the contact center
    assert impact.message("en").startswith("affects 1 topic shown on 0 pages")
