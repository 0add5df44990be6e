"""Deleted articles in the admin: the list of those not restored, and restoring one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from newsroom.admin import GuardedModelChoiceField, is_key
from newsroom.cache import page_cache_purge

from .models import Article, Author, Section
from .services import (
    RestoreRefused,
    TranslationRelink,
    article_history_model,
    article_restore,
    article_restore_plan,
    deleted_articles,
)


class ArticleRestoreForm(forms.Form):
    """What restoring needs from the editor: a section or an author, when theirs are gone."""

    section = GuardedModelChoiceField(
        label=capfirst(_("section")),
        queryset=Section.objects.all(),
        help_text=_("The article's own section has been deleted since: choose another one."),
    )
    author = GuardedModelChoiceField(
        label=capfirst(_("author")),
        queryset=Author.objects.all(),
        help_text=_(
            "Every author on the article's byline has been deleted since: choose one. You can "
            "add more authors once it is restored."
        ),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        if not plan.section_missing:
            del self.fields["section"]
        if plan.authors:
            del self.fields["author"]
        elif not plan.had_byline:
            # A draft saved without an author, say: none of its authors was deleted.
            self.fields["author"].help_text = _(
                "The article had no author on its byline: choose one. You can add more "
                "authors once it is restored."
            )


class DeletedArticlesAdminMixin:
    """ArticleAdmin's list of deleted articles, linked from its list, and their restoring.

    Editors only: restoring adds the article back and changes it, so it takes both rights.
    """

    deleted_list_per_page = 100

    @property
    def _change_url_name(self):
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_change"

    def has_restore_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("deleted/", view(self.deleted_view), name=f"{prefix}_deleted"),
            path(
                "deleted/<str:history_id>/restore/",
                view(self.restore_view),
                name=f"{prefix}_restore",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_restore_permission": self.has_restore_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def deleted_view(self, request):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        paginator = Paginator(deleted_articles(), self.deleted_list_per_page)
        page = paginator.get_page(request.GET.get("p"))
        for deletion in page:
            deletion.section_name = (
                deletion.section.name
                if deletion.section is not None
                else deleted_object_name(Section, deletion.section_id)
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Deleted articles"),
            "opts": self.opts,
            "page_obj": page,
            "page_range": paginator.get_elided_page_range(page.number),
        }
        return TemplateResponse(request, "admin/articles/article/deleted_articles.html", context)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django's own answer for an object not found: a redirect with "… may have been
        # deleted". For a save of an article a colleague deleted after the form was opened,
        # that would throw away what the editor typed: it is shown instead, to copy, with who
        # deleted the article and the way to restore it.
        deletion = None
        if (
            request.method == "POST"
            and request.resolver_match.url_name == self._change_url_name.removeprefix("admin:")
            and is_key(opts.pk, object_id)
            and self.has_change_permission(request)
        ):
            deletion = deleted_articles().filter(id=object_id).first()
        if deletion is None:
            return super()._get_obj_does_not_exist_redirect(request, opts, object_id)
        typed = [
            (capfirst(self.model._meta.get_field(name).verbose_name), request.POST.get(name, ""))
            for name in self.model.COMPOSED_FIELDS
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("The article has been deleted"),
            "opts": opts,
            "deletion": deletion,
            "typed": [(label, text) for label, text in typed if text.strip()],
            "has_restore_permission": self.has_restore_permission(request),
        }
        return TemplateResponse(
            request, "admin/articles/article/deleted_while_edited.html", context, status=409
        )

    # A deleted article's history is shown, not restored from: reverting a revision would
    # bring it back as that revision was, published if it was, past what restore_view checks
    # (back as a draft, at a free address, with authors and section that still exist).

    def _deletion_for_history(self, request, object_id):
        """The article's deletion, if it is deleted and not restored, noted on the request for
        revert_disabled(); None otherwise."""
        if not is_key(self.model._meta.pk, object_id):
            return None
        deletion = deleted_articles().filter(id=object_id).first()
        request.article_deleted = deletion is not None
        return deletion

    def revert_disabled(self, request, obj=None):
        return super().revert_disabled(request, obj) or getattr(request, "article_deleted", False)

    def history_view(self, request, object_id, extra_context=None):
        self._deletion_for_history(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        deletion = self._deletion_for_history(request, object_id)
        if deletion is not None:
            restore_url = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_restore", args=[deletion.pk]
            )
            if request.method == "POST":
                self.message_user(
                    request,
                    _("The article has been deleted: restore it first."),
                    messages.WARNING,
                )
                return redirect(restore_url)
            extra_context = {**(extra_context or {}), "restore_url": restore_url}
        return super().history_form_view(request, object_id, version_id, extra_context)

    @staticmethod
    def _deleted_revision(history_id):
        """The deletion revision of an article not restored, or None."""
        history = article_history_model()
        if not is_key(history._meta.pk, history_id):
            return None
        return deleted_articles().filter(pk=history_id).first()

    def _restored_article_id(self, history_id):
        """The article a deletion revision is of, if it exists (was restored), or None."""
        history = article_history_model()
        if not is_key(history._meta.pk, history_id):
            return None
        # A deletion's revision only: any other is of an article never deleted at that point.
        deletions = history.objects.filter(pk=history_id, history_type="-")
        article_id = deletions.values_list("id", flat=True).first()
        return self.model.objects.filter(pk=article_id).values_list("pk", flat=True).first()

    @method_decorator(require_http_methods(["GET", "POST"]))
    def restore_view(self, request, history_id):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        historical = self._deleted_revision(history_id)
        if historical is None:
            restored = self._restored_article_id(history_id)
            if restored is None:
                raise Http404
            # A second click, or another editor's: the article is back already.
            self.message_user(request, _("This article has been restored already."))
            return redirect(self._change_url_name, restored)
        plan = article_restore_plan(historical=historical)
        data = request.POST if request.method == "POST" else None
        form = ArticleRestoreForm(data, plan=plan)
        if request.method == "POST" and form.is_valid():
            try:
                article, plan = article_restore(
                    historical=historical,
                    by=request.user,
                    section=form.cleaned_data.get("section"),
                    author=form.cleaned_data.get("author"),
                )
            except RestoreRefused as refusal:
                # Restored by another editor meanwhile: the page, asked again, says so once.
                if self._restored_article_id(history_id) is None:
                    self.message_user(request, str(refusal), messages.ERROR)
            except IntegrityError:
                # Another article took the address, or the article was restored, meanwhile.
                self.message_user(
                    request,
                    _("The article could not be restored just now. Please try again."),
                    messages.ERROR,
                )
            else:
                page_cache_purge()
                self.log_addition(request, article, [{"added": {}}])
                self.message_user(
                    request,
                    _(
                        "“%(headline)s” is restored as a draft. Check it, then publish it "
                        "when it should be seen again."
                    )
                    % {"headline": article.headline},
                    messages.SUCCESS,
                )
                for link in restore_links(plan):
                    self.message_user(request, link, messages.INFO)
                for warning in restore_notes(plan):
                    self.message_user(request, warning, messages.WARNING)
                # Restored whatever the model's validation says today (a draft, so nothing
                # reaches readers, and nothing is lost), but with what stands in the way of
                # publishing it: text stored before a rule, an original still a draft.
                if refusal := self.publish_refusal(request, article, restored=True):
                    self.message_user(request, refusal, messages.WARNING)
                # Translations linked to it again may be live while it is a draft.
                self.message_if_translations_ahead(request, article)
                return redirect(self._change_url_name, article.pk)
            return redirect(request.get_full_path())
        context = {
            **self.admin_site.each_context(request),
            "title": _("Restore a deleted article"),
            "subtitle": historical.headline,
            "opts": self.opts,
            "historical": historical,
            "plan": plan,
            "links": restore_links(plan),
            "notes": restore_notes(plan),
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(
            request, "admin/articles/article/restore_confirmation.html", context
        )


def deleted_object_name(model, pk):
    # Imported here: admin.py builds ArticleAdmin on this module's mixin.
    from .admin import deleted_object_name

    return deleted_object_name(model, pk)


def restore_notes(plan):
    """What restoring brings back differently from how the article was, for the editor."""
    notes = []
    if plan.slug_taken_by is not None:
        notes.append(
            _("Its address “%(slug)s” is used by “%(other)s” now: it gets the address “%(free)s”.")
            % {
                "slug": plan.historical.slug,
                "other": plan.slug_taken_by.headline,
                "free": plan.slug,
            }
        )
    if plan.missing_author_ids:
        names = ", ".join(deleted_object_name(Author, pk) for pk in plan.missing_author_ids)
        if plan.authors:
            notes.append(
                _("Not on its byline any more, deleted since: %(names)s.") % {"names": names}
            )
        else:
            notes.append(
                _("Every author on its byline has been deleted since: %(names)s.")
                % {"names": names}
            )
    if plan.section_missing:
        notes.append(_("Its section has been deleted since."))
    if plan.image_missing:
        notes.append(
            _("Its lead image has been deleted since: it is restored without it and its caption.")
        )
    if plan.original_unlinked:
        original = plan.original_headline or deleted_object_name(Article, plan.original_id)
        if plan.original_gone:
            notes.append(
                _(
                    "It was a translation of “%(original)s”, which has been deleted: it is "
                    "restored as an article of its own, and linked to it again if that is "
                    "restored."
                )
                % {"original": original}
            )
        elif plan.original_taken_by is not None:
            notes.append(
                _(
                    "It was a translation of “%(original)s”, which has another version in "
                    "%(language)s since, “%(other)s”: it is restored as an article of its own."
                )
                % {
                    "original": original,
                    "language": plan.original_taken_by.get_language_display(),
                    "other": plan.original_taken_by.headline,
                }
            )
        else:
            notes.append(
                _(
                    "It was a translation of “%(original)s”, which cannot be its original any "
                    "more: it is restored as an article of its own."
                )
                % {"original": original}
            )
    for relink in plan.translations:
        values = {
            "language": relink.article.get_language_display(),
            "headline": relink.article.headline,
        }
        if relink.kept_apart == TranslationRelink.HAS_TRANSLATIONS:
            notes.append(
                _(
                    "Its version in %(language)s, “%(headline)s”, unlinked when this article "
                    "was deleted, has a translation of its own since: it stays an article of "
                    "its own."
                )
                % values
            )
        elif relink.kept_apart == TranslationRelink.LANGUAGE_TAKEN:
            notes.append(
                _(
                    "“%(headline)s”, its version in another language until this article was "
                    "deleted, is in %(language)s now, a language this article has a version "
                    "in already: it stays an article of its own."
                )
                % values
            )
    return notes


def restore_links(plan):
    """The versions in other languages restoring links to the article again, for the editor."""
    links = []
    if plan.original_linked_again:
        links.append(
            _(
                "It was a translation of “%(original)s” until that was deleted: that has been "
                "restored since, and it is linked to it again."
            )
            % {"original": plan.original.headline}
        )
    for relink in plan.translations:
        if relink.linked:
            links.append(
                _(
                    "Its version in %(language)s, “%(headline)s”, unlinked when this article "
                    "was deleted, is linked to it again."
                )
                % {
                    "language": relink.article.get_language_display(),
                    "headline": relink.article.headline,
                }
            )
    return links
