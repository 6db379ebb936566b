"""How long the public lists may grow on one page (docs/adr/005-lists-that-grow.md).

/faq/ holds every question with its answer and /articles/ every title with its summary, so
their size grows with the site, not with what a reader came for: at a hundred times today's
content /faq/ is 10 MB and two seconds to render, and the cost a reader pays is the size of
the page on a phone, often on a slow connection, and the time to find one question in it.

While a list is within its budget one page serves readers best (today: 30 questions, 14
articles per language). Past it, the page becomes an index: each topic with its items' titles
as links, and each topic's own page (/topics/<slug>/) holds its answers and summaries. A
topic, not a numbered page, because a reader arrives with one worry, and because a question
stays on its topic's page when others are added, so links to it keep working. The budgets
count each language on its own.
"""

# At most this many public questions on /faq/, with their answers, per language.
FAQS_ON_ONE_PAGE = 40
# At most this many public articles on /articles/, with their summaries, per language.
ARTICLES_ON_ONE_PAGE = 100
# The home page shows each topic's first few articles; the topic page has the rest.
ARTICLES_PER_TOPIC_ON_HOME = 3


def first_articles(topics):
    """Give each topic (from `topics_with`) its first few items as `.first_items`, and
    `.has_more` when its page has others."""
    for topic in topics:
        topic.first_items = topic.items[:ARTICLES_PER_TOPIC_ON_HOME]
        topic.has_more = len(topic.items) > ARTICLES_PER_TOPIC_ON_HOME
    return topics
