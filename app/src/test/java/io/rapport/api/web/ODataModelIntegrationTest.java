package io.rapport.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;
import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.apache.olingo.commons.api.edm.provider.CsdlAction;
import org.apache.olingo.commons.api.edm.provider.CsdlParameter;
import org.apache.olingo.commons.api.edm.provider.CsdlReturnType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import io.rapport.metadata.Metadata;
import io.rapport.test.RapportTest;

@RapportTest
class ODataModelIntegrationTest {

	@Autowired
	Metadata metadata;

	@Test
	void operationsContributedByBeansAreDeclaredWithImportsForUnboundOnes() {
		ODataOperations grantAccess = new ODataOperations() {
			@Override
			public List<CsdlAction> actions() {
				return List.of(new CsdlAction().setName("GrantAccess").setBound(false)
					.setParameters(List.of(new CsdlParameter().setName("Target").setType(new FullQualifiedName(ODataModel.NAMESPACE, "account"))))
					.setReturnType(new CsdlReturnType().setType(EdmPrimitiveTypeKind.Boolean.getFullQualifiedName())));
			}
		};
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("grantAccess", grantAccess);
		ODataModel model = new ODataModel(metadata, beans.getBeanProvider(ODataOperations.class));
		var edm = model.current().serviceMetadata().getEdm();
		assertThat(edm.getUnboundAction(new FullQualifiedName(ODataModel.NAMESPACE, "GrantAccess"))).isNotNull();
		assertThat(edm.getEntityContainer().getActionImport("GrantAccess")).isNotNull();
		assertThat(edm.getEntityContainer().getEntitySet("accounts").getEntityType().getNavigationProperty("contact_customer_accounts"))
			.isNotNull();
	}
}
