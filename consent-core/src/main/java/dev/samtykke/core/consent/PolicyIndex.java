package dev.samtykke.core.consent;

import dev.samtykke.core.policy.Category;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy's purposes, services and categories resolved to array positions once, so that evaluating
 * a decision and answering {@code allows…} questions needs no searching and no boxing.
 */
final class PolicyIndex {

    /** Marks a reference to a purpose the policy does not declare: never allowed. */
    static final int MISSING = -1;

    final ConsentPolicy policy;
    final Purpose[] purposes;
    /** Per purpose, by position: whether it rests on consent, and whether GPC denies it. */
    final boolean[] requiresConsent;
    final boolean[] gpcOptOut;
    /** Per purpose, by position: whether the visitor may object to it (a legitimate-interest purpose). */
    final boolean[] objectable;
    /**
     * The service-level grants of purposes with {@code choicePerService}, by position: the key ({@code purpose/service})
     * and the service. Empty for most policies, which then pay nothing for the feature.
     */
    final String[] serviceChoiceKeys;
    final String[] serviceChoiceServices;
    private final Map<String, Integer> purposeIndex;
    private final Map<String, int[]> servicePurposes;
    private final Map<String, int[]> categoryConsentPurposes;

    PolicyIndex(ConsentPolicy policy) {
        this.policy = policy;
        List<Purpose> list = policy.purposes();
        this.purposes = list.toArray(new Purpose[0]);
        this.requiresConsent = new boolean[purposes.length];
        this.gpcOptOut = new boolean[purposes.length];
        this.objectable = new boolean[purposes.length];
        for (int i = 0; i < purposes.length; i++) {
            requiresConsent[i] = purposes[i].requiresConsent();
            gpcOptOut[i] = purposes[i].gpcOptOut();
            objectable[i] = purposes[i].objectable();
        }
        this.purposeIndex = new HashMap<>();
        for (int i = 0; i < purposes.length; i++) {
            purposeIndex.putIfAbsent(purposes[i].id(), i);
        }
        List<String> keys = new ArrayList<>();
        List<String> services = new ArrayList<>();
        for (Purpose purpose : purposes) {
            if (purpose.choicePerService() && purpose.requiresConsent()) {
                for (Service service : policy.servicesFor(purpose.id())) {
                    keys.add(ConsentPolicy.serviceChoiceKey(purpose.id(), service.id()));
                    services.add(service.id());
                }
            }
        }
        this.serviceChoiceKeys = keys.toArray(new String[0]);
        this.serviceChoiceServices = services.toArray(new String[0]);
        this.servicePurposes = new HashMap<>();
        for (Service service : policy.services()) {
            servicePurposes.putIfAbsent(service.id(), indexes(service.purposes()));
        }
        this.categoryConsentPurposes = new HashMap<>();
        for (Category category : policy.categories()) {
            categoryConsentPurposes.putIfAbsent(category.id(), policy.purposesIn(category.id()).stream()
                    .filter(Purpose::requiresConsent).mapToInt(p -> purposeIndex.get(p.id())).toArray());
        }
    }

    private int[] indexes(List<String> purposeIds) {
        int[] result = new int[purposeIds.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = indexOf(purposeIds.get(i));
        }
        return result;
    }

    /** The position of a purpose, or {@link #MISSING}. */
    int indexOf(String purposeId) {
        Integer index = purposeId == null ? null : purposeIndex.get(purposeId);
        return index == null ? MISSING : index;
    }

    /** The positions of a service's purposes, or {@code null} for an unknown service. */
    int[] servicePurposes(String serviceId) {
        return serviceId == null ? null : servicePurposes.get(serviceId);
    }

    /** The positions of a category's consent-based purposes, or {@code null} for an unknown category. */
    int[] categoryConsentPurposes(String categoryId) {
        return categoryId == null ? null : categoryConsentPurposes.get(categoryId);
    }
}
