"""Users and their training profiles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q

from autotrain.models import TrainingExample, TrainingProfile

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Example = TrainingExample


def user_get_or_create(*, username: str) -> User:
    """The named user, created with an unusable password when missing (staff naming a new user_id)."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    try:
        with transaction.atomic():
            user = User(username=username)
            user.set_unusable_password()
            user.save()
            return user
    except IntegrityError:  # created by a concurrent request
        return User.objects.get(username=username)


def profile_get_or_create(*, user: User) -> TrainingProfile:
    profile, _ = TrainingProfile.objects.get_or_create(user=user)
    return profile


def profile_refresh(*, user_id: int) -> TrainingProfile:
    """Recompute a user's genre preferences and writing patterns from their kept examples."""
    profile, _ = TrainingProfile.objects.get_or_create(user_id=user_id)
    kept = Example.objects.filter(user_id=user_id, status=Example.Status.KEPT, excluded=False)
    profile.genre_preferences = dict(
        kept.order_by().values_list("genre").annotate(n=Count("id")).values_list("genre", "n")
    )
    patterns = kept.aggregate(
        average_length=Avg("char_count"),
        average_sentences=Avg("sentence_count"),
        with_dialogue=Count("id", filter=Q(has_dialogue=True)),
        total=Count("id"),
    )
    total = patterns.pop("total")
    with_dialogue = patterns.pop("with_dialogue")
    profile.writing_patterns = {
        "average_length": round(patterns["average_length"] or 0.0, 1),
        "dialogue_ratio": round(with_dialogue / total, 3) if total else 0.0,
        "average_sentences": round(patterns["average_sentences"] or 0.0, 2),
    }
    profile.save(update_fields=["genre_preferences", "writing_patterns", "updated_at"])
    return profile
