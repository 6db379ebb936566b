"""Who may use the editors' own tools (the markdown preview, image upload)."""

EDIT_PERMISSIONS = (
    "articles.add_article",
    "articles.change_article",
    "articles.add_faq",
    "articles.change_faq",
    "articles.add_page",
    "articles.change_page",
)


def can_edit_content(user) -> bool:
    return user.is_active and user.is_staff and any(user.has_perm(p) for p in EDIT_PERMISSIONS)
